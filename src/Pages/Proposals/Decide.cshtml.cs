using Portal.Domain.Funding;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>
/// The committee decides on one proposal: take it up, accept to a vote, merge, decline, or record a vote held outside the
/// portal. After approval the proposal follows its plan item and campaign by itself.
/// </summary>
[Requires(Capability.ReviewProposals)]
public class DecideModel(PortalDb db, ReviewProposal review, IStringLocalizer<ProposalsText> t) : CompoundPageModel
{
    public Proposal Proposal { get; private set; } = null!;
    public List<Proposal> MergeTargets { get; private set; } = [];

    [BindProperty] public AcceptInput Accept { get; set; } = new();
    public sealed class AcceptInput
    {
        public string? CostYuan { get; set; }
        public CostSharingMethod CostSharing { get; set; } = CostSharingMethod.ByArea;
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Proposal.SuggestedCostSharing is { } suggested) Accept.CostSharing = suggested;
        if (Proposal.EstimatedCostFen is { } fen) Accept.CostYuan = (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Money.TryParseYuan(Accept.CostYuan, out var fen) || fen <= 0)
        {
            ModelState.AddModelError("Accept.CostYuan", t["Review_CostInvalid"]);
            return Page();
        }
        return await ApplyAsync(() => review.AcceptToVoteAsync(Compound, Proposal, fen, Accept.CostSharing, Accept.Note, CurrentUserId!, ct), ct);
    }

    public async Task<IActionResult> OnPostMergeAsync(long id, long? targetId, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var target = targetId is null ? null : await db.Set<Proposal>().Include(p => p.Timeline).FirstOrDefaultAsync(p => p.Id == targetId && p.CompoundId == Compound.Id, ct);
        if (target is null)
        {
            ModelState.AddModelError("targetId", t["Review_MergeTargetRequired"]);
            return Page();
        }
        return await ApplyAsync(() => review.MergeAsync(Compound, Proposal, target, note, CurrentUserId!, ct), ct);
    }

    public async Task<IActionResult> OnPostDeclineAsync(long id, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError("reason", t["Error_proposal_reason_required"]);
            return Page();
        }
        return await ApplyAsync(() => review.DeclineAsync(Compound, Proposal, reason, CurrentUserId!, ct), ct);
    }

    /// <summary>
    /// Taking a proposal up before it reaches the threshold, and a vote held outside the portal. Funding, construction and
    /// completion are not steps here: the proposal follows its plan item and campaign.
    /// </summary>
    public async Task<IActionResult> OnPostStepAsync(long id, string? step, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var me = CurrentUserId!;
        Func<Task>? act = step switch
        {
            "review" => () => review.TakeUpAsync(Compound, Proposal, note, me, ct),
            "vote" => () => review.RecordVoteStartedAsync(Compound, Proposal, note, me, ct),
            "passed" => () => review.RecordVoteResultAsync(Compound, Proposal, true, note, me, ct),
            "failed" => () => review.RecordVoteResultAsync(Compound, Proposal, false, note, me, ct),
            _ => null,
        };
        if (act is null) return BadRequest();
        return await ApplyAsync(act, ct);
    }

    private async Task<IActionResult> ApplyAsync(Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Review_Conflict"]);
            return Page();
        }
        TempData["Flash"] = t["Review_Done", t[$"Status_{Proposal.Status}"]].Value;
        return Redirect(ProposalOperations.Link(Compound, Proposal.Id));
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().Include(p => p.Timeline)
            .FirstOrDefaultAsync(p => p.Id == id && p.CompoundId == Compound.Id && p.Status != ProposalStatus.Draft, ct);
        if (proposal is null) return false;
        Proposal = proposal;
        MergeTargets = await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.CompoundId == Compound.Id && p.Id != id &&
                        (p.Status == ProposalStatus.Published || p.Status == ProposalStatus.UnderReview || p.Status == ProposalStatus.AcceptedToVote))
            .OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
        return true;
    }
}
