using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Votes;
using Portal.Features.Register;

namespace Portal.Pages.Votes;

/// <summary>The committee records paper and assisted ballots one by one or from a file, and corrects the electorate.</summary>
[Requires(Capability.RunVotes)]
public class PaperModel(PortalDb db, IStringLocalizer<VotesText> t) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;
    public List<Matter> Matters { get; private set; } = [];
    public List<MatterOption> Options { get; private set; } = [];
    public List<(long FlatId, string Label)> Flats { get; private set; } = [];

    [BindProperty] public RecordInput Input { get; set; } = new();
    [BindProperty] public Dictionary<long, string> Choice { get; set; } = [];
    [BindProperty] public IFormFile? BallotFile { get; set; }
    [BindProperty] public string? CorrectionReason { get; set; }

    public sealed class RecordInput
    {
        public long FlatId { get; set; }
        public BallotChannel Channel { get; set; } = BallotChannel.Paper;
        public DateTime? PaperDate { get; set; }
        /// <summary>When the paper reached the committee (Asia/Shanghai); needed during counting.</summary>
        public DateTime? ReceivedAt { get; set; }
        /// <summary>The printed paper's code (纸质票编号), when the ballot is on a numbered paper.</summary>
        public string? PaperCode { get; set; }
        public string? Reason { get; set; }
        public string? AuthorisationReference { get; set; }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return false;
        Vote = vote;
        Matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = Matters.Select(m => m.Id).ToList();
        Options = await db.Set<MatterOption>().AsNoTracking().Where(o => ids.Contains(o.MatterId)).OrderBy(o => o.Position).ToListAsync(ct);
        var flats = await (from f in db.Set<ElectorateFlat>()
                           join fl in db.NamedFlats() on f.FlatId equals fl.Flat.Id
                           where f.VoteId == id
                           select fl).AsNoTracking().ToListAsync(ct);
        Flats = flats.OrderBy(f => f.Building.Length).ThenBy(f => f.Building).ThenBy(f => f.Entrance).ThenBy(f => f.Flat.Room.Length).ThenBy(f => f.Flat.Room)
            .Select(f => (f.Flat.Id, f.Label)).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecordAsync(long id, [FromServices] RecordPaperBallot recordPaperBallot, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var choices = new List<MatterChoice>();
        foreach (var m in Matters)
        {
            var raw = Choice.GetValueOrDefault(m.Id);
            if (raw is not null && raw.StartsWith("option:") && long.TryParse(raw[7..], out var option))
                choices.Add(new MatterChoice(m.Id, Domain.Votes.Choice.Option, option));
            else if (Choices.TryParse(raw, out var c)) choices.Add(new MatterChoice(m.Id, c));
            else { ModelState.AddModelError("", t["Show_ChooseEveryMatter"]); return Page(); }
        }
        await recordPaperBallot.RunAsync(id, Compound.Id, Input.FlatId, choices, new BallotMeta(Input.Channel, CurrentUserId!, Input.FlatId,
            Input.PaperDate is { } d ? DateOnly.FromDateTime(d) : Input.ReceivedAt is { } r ? DateOnly.FromDateTime(r) : null,
            Input.Reason, Input.AuthorisationReference,
            Input.ReceivedAt is { } local ? Shanghai.FromLocal(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)) : null,
            string.IsNullOrWhiteSpace(Input.PaperCode) ? null : Input.PaperCode), ct);
        TempData["Flash"] = t["Paper_Recorded", Flats.FirstOrDefault(f => f.FlatId == Input.FlatId).Label ?? ""].Value;
        return Redirect($"/c/{Compound.Code}/votes/{id}/paper");
    }

    public async Task<IActionResult> OnPostImportAsync(long id, [FromServices] ImportBallots importBallots, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (BallotFile is null || BallotFile.Length == 0)
        {
            ModelState.AddModelError("", t["Import_NoFile"]);
            return Page();
        }
        await using var stream = BallotFile.OpenReadStream();
        var outcome = await importBallots.RunAsync(id, Compound.Id, stream, BallotFile.FileName, CurrentUserId!, ct);
        if (outcome.Errors.Count > 0)
        {
            foreach (var e in outcome.Errors) ModelState.AddModelError("", t["Import_Line", e.Line, t[e.Key, e.Args].Value].Value);
            return Page();
        }
        TempData["Flash"] = t["Import_Done", outcome.Ballots.Count].Value;
        return Redirect($"/c/{Compound.Code}/votes/{id}/paper");
    }

    public async Task<IActionResult> OnPostCorrectAsync(long id, [FromServices] CorrectElectorate correctElectorate, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await correctElectorate.RunAsync(id, Compound.Id, CorrectionReason ?? "", CurrentUserId!, ct);
        TempData["Flash"] = t["Correction_Done"].Value;
        return Redirect($"/c/{Compound.Code}/votes/{id}/paper");
    }
}
