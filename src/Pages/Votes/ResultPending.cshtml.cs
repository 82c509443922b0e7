using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Accounts;

namespace Portal.Pages.Votes;

/// <summary>
/// "Not yet": the result of a vote that has not closed does not exist yet. The result address leads here while the vote is
/// open or not yet open, saying why and when, with a link to the vote itself; never a 404 for something that will exist.
/// </summary>
[Requires(Capability.ViewCompound)]
public class ResultPendingModel(PortalDb db) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return NotFound();
        if (vote.Status is not (VoteStatus.Draft or VoteStatus.Open)) return RedirectToPage("Result", new { compound = Compound.Code, id });
        Vote = vote;
        return Page();
    }
}
