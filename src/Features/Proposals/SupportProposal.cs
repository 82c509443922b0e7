using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;

namespace Portal.Features.Proposals;

public enum SupportOutcome { Supported, ReachedThreshold, AlreadySupported, NotAllowed, Withdrawn, NotWithdrawable, HouseholdAlreadySupported, Expired }

/// <summary>
/// A resident in scope supports a proposal (附议) for their household, or withdraws that support while it still
/// collects it. One support per flat: a second resident of a flat that has supported is told so.
/// </summary>
public sealed class SupportProposal(PortalDb db, ProposalOperations operations, TimeProvider clock)
{
    /// <summary>Safe to call twice: the unique index and the proposal's version token decide a race.</summary>
    public async Task<SupportOutcome> SupportAsync(Compound compound, long proposalId, Membership membership, string userId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var proposal = await db.Set<Proposal>().Include(p => p.Timeline)
                .FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
            if (proposal is null) return SupportOutcome.NotAllowed;
            if (await db.Set<ProposalSupport>().AnyAsync(s => s.ProposalId == proposalId && s.UserId == userId, ct))
                return SupportOutcome.AlreadySupported;
            if (proposal.Status == ProposalStatus.Expired) return SupportOutcome.Expired;
            if (proposal.ExpireIfDue(clock.GetUtcNow()))
            {
                // The sweep has not run yet: expire it now, so the last-minute click is told why and nothing counts.
                await operations.TellStatusChangedAsync(compound, proposal, ct);
                try { await db.SaveChangesAsync(ct); } catch (DbUpdateException) { db.ChangeTracker.Clear(); }
                return SupportOutcome.Expired;
            }
            if (!proposal.CanBeSupportedBy(membership, userId)) return SupportOutcome.NotAllowed;
            var supportingFlats = await db.Set<ProposalSupport>().Where(s => s.ProposalId == proposalId && s.FlatId != null)
                .Select(s => s.FlatId!.Value).ToListAsync(ct);
            if (proposal.SupportingFlatFor(membership, supportingFlats) is not { } flatId) return SupportOutcome.HouseholdAlreadySupported;

            var now = clock.GetUtcNow();
            db.Add(new ProposalSupport(proposalId, userId, flatId, now));
            var count = await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposalId, ct) + 1;
            var reached = proposal.RecordSupportCount(count, await operations.ThresholdAsync(compound, proposal, ct), now);
            if (reached) await operations.TellThresholdReachedAsync(compound, proposal, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return reached ? SupportOutcome.ReachedThreshold : SupportOutcome.Supported;
            }
            catch (DbUpdateException)
            {
                // Another click or another supporter got there first: read again.
                db.ChangeTracker.Clear();
            }
        }
        return SupportOutcome.AlreadySupported;
    }

    public async Task<SupportOutcome> WithdrawAsync(Compound compound, long proposalId, string userId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
            var support = await db.Set<ProposalSupport>().FirstOrDefaultAsync(s => s.ProposalId == proposalId && s.UserId == userId, ct);
            if (proposal is null || support is null) return SupportOutcome.NotAllowed;
            if (!proposal.SupportWithdrawable) return SupportOutcome.NotWithdrawable;
            db.Remove(support);
            var count = await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposalId, ct) - 1;
            proposal.RecordSupportCount(Math.Max(0, count), int.MaxValue, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return SupportOutcome.Withdrawn;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return SupportOutcome.NotWithdrawable;
    }
}
