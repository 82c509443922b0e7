using Portal.Domain.Funding;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Shared;

namespace Portal.Features.Proposals;

/// <summary>
/// The committee decides on a proposal: takes it up, accepts it to a vote (which puts the upgrade on the renovation
/// plan), merges or declines it, and records a vote held outside the portal. Each step is saved and told to the author
/// and supporters. After approval the proposal follows its plan item (<see cref="ProposalFollowsPlanItem"/>).
/// </summary>
public sealed class ReviewProposal(PortalDb db, ProposalOperations operations, ProposalFollowsPlanItem lifecycle, TimeProvider clock)
{
    public Task TakeUpAsync(Compound compound, Proposal proposal, string? note, string byUserId, CancellationToken ct) =>
        SaveAsync(compound, proposal, () => proposal.SendToReview(clock.GetUtcNow(), byUserId, note), ct);

    /// <summary>Accepts to a vote and puts the upgrade on the renovation plan.</summary>
    public async Task<PlanItem> AcceptToVoteAsync(Compound compound, Proposal proposal, long costFen, CostSharingMethod method, string? note,
        string byUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        proposal.AcceptToVote(costFen, method, now, byUserId, note);
        var item = new PlanItem(compound.Id, proposal.Category.NationalCategory(), proposal.Title, proposal.Description, proposal.Scope, costFen, proposal.Id, now);
        db.Add(item);
        await operations.TellStatusChangedAsync(compound, proposal, ct);
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>; its supporters carry over (each once).</summary>
    public async Task MergeAsync(Compound compound, Proposal source, Proposal target, string? note, string byUserId, CancellationToken ct)
    {
        if (target.Id == source.Id || target.CompoundId != compound.Id ||
            target.Status is not (ProposalStatus.Published or ProposalStatus.UnderReview or ProposalStatus.AcceptedToVote))
            throw new DomainException("proposal.merge_target_invalid", "Merge only into another open proposal of this compound.");
        var now = clock.GetUtcNow();
        source.MergeInto(target.Id, now, byUserId, string.IsNullOrWhiteSpace(note) ? $"→ #{target.Id} {target.Title}" : note);

        // Each supporter and each household once: a flat already supporting the target is not carried again.
        var already = await db.Set<ProposalSupport>().AsNoTracking().Where(s => s.ProposalId == target.Id).ToListAsync(ct);
        var carried = await db.Set<ProposalSupport>().AsNoTracking().Where(s => s.ProposalId == source.Id).OrderBy(s => s.At).ToListAsync(ct);
        var users = already.Select(s => s.UserId).ToHashSet();
        var flats = already.Where(s => s.FlatId is not null).Select(s => s.FlatId!.Value).ToHashSet();
        var added = new List<ProposalSupport>();
        foreach (var s in carried)
        {
            if (s.UserId == target.AuthorId || users.Contains(s.UserId) || (s.FlatId is { } f && flats.Contains(f))) continue;
            users.Add(s.UserId);
            if (s.FlatId is { } flat) flats.Add(flat);
            added.Add(new ProposalSupport(target.Id, s.UserId, s.FlatId, now, source.Id));
        }
        db.AddRange(added);
        if (target.Status == ProposalStatus.Published)
        {
            if (target.RecordSupportCount(already.Count + added.Count, await operations.ThresholdAsync(compound, target, ct), now))
                await operations.TellThresholdReachedAsync(compound, target, ct);
        }
        else
        {
            target.RecordSupportCount(already.Count + added.Count, int.MaxValue, now);
        }
        await operations.TellStatusChangedAsync(compound, source, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Declines with a public reason.</summary>
    public Task DeclineAsync(Compound compound, Proposal proposal, string reason, string byUserId, CancellationToken ct) =>
        SaveAsync(compound, proposal, () => proposal.Decline(reason, clock.GetUtcNow(), byUserId), ct);

    /// <summary>The vote was started outside the portal (a vote held in the portal moves the proposal itself).</summary>
    public Task RecordVoteStartedAsync(Compound compound, Proposal proposal, string? note, string byUserId, CancellationToken ct) =>
        SaveAsync(compound, proposal, () => proposal.StartVote(clock.GetUtcNow(), byUserId, note), ct);

    /// <summary>The result of a vote held outside the portal; an approved upgrade then follows its plan item.</summary>
    public async Task RecordVoteResultAsync(Compound compound, Proposal proposal, bool passed, string? note, string byUserId, CancellationToken ct)
    {
        await SaveAsync(compound, proposal, () => proposal.RecordVoteResult(passed, clock.GetUtcNow(), byUserId, note), ct);
        if (passed && await lifecycle.CatchUpAsync(compound, proposal, ct)) await db.SaveChangesAsync(ct);
    }

    private async Task SaveAsync(Compound compound, Proposal proposal, Action change, CancellationToken ct)
    {
        change();
        await operations.TellStatusChangedAsync(compound, proposal, ct);
        await db.SaveChangesAsync(ct);
    }
}
