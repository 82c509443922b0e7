using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Features.Votes;

namespace Portal.Pages.Votes;

/// <summary>
/// The numbered A4 ballot papers (纸质表决票) of a vote, printed by the committee: one per flat of the electorate with
/// the owner's flats, each matter's full text, the choices and the paper code with its QR code. The codes are shown
/// only in the answer to printing (they are kept as keyed hashes), so the page is printed straight away.
/// </summary>
[Requires(Capability.RunVotes)]
public class PapersModel(PortalDb db, IStringLocalizer<VotesText> t) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;
    public List<Matter> Matters { get; private set; } = [];
    public int IssuedCount { get; private set; }
    public int UsedCount { get; private set; }
    public IReadOnlyList<IssueBallotPapers.IssuedPaper> Printed { get; private set; } = [];
    /// <summary>Every flat of the electorate by owner of record: a paper lists all the owner's flats.</summary>
    public Dictionary<long, List<string>> FlatsOfOwner { get; } = [];

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return false;
        Vote = vote;
        Matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).OrderBy(m => m.Position).ToListAsync(ct);
        IssuedCount = await db.Set<BallotPaper>().CountAsync(p => p.VoteId == id, ct);
        UsedCount = await db.Set<BallotPaper>().CountAsync(p => p.VoteId == id && p.UsedAt != null, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, [FromServices] IssueBallotPapers issue, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Printed = await issue.RunAsync(id, Compound.Id, CurrentUserId!, ct);
        var flats = await (from f in db.Set<ElectorateFlat>()
                           join fl in db.NamedFlats() on f.FlatId equals fl.Flat.Id
                           where f.VoteId == id
                           select new { Named = fl, f.OwnerOfRecordId }).AsNoTracking().ToListAsync(ct);
        foreach (var g in flats.GroupBy(f => f.OwnerOfRecordId))
            FlatsOfOwner[g.Key] = g.Select(f => f.Named.Label).Order(StringComparer.Ordinal).ToList();
        await LoadAsync(id, ct);
        TempData["Flash"] = t["Papers_Printed", Printed.Count].Value;
        return Page();
    }
}
