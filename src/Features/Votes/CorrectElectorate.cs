using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;

namespace Portal.Features.Votes;

/// <summary>A logged correction: an open vote's electorate is taken again from the register as it stands now.</summary>
public sealed class CorrectElectorate(PortalDb db, FrozenElectorate electorate, VoteAuditLog audit)
{
    public async Task RunAsync(long voteId, long compoundId, string reason, string byUserId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("vote.correction_reason_required", "A correction needs a reason.");
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
            if (vote.Status != VoteStatus.Open)
                throw new DomainException("vote.not_open", "Only an open vote's electorate can be corrected.");
            var members = await electorate.TakeAsync(vote, ct);
            await audit.AppendAsync(voteId, AuditActions.Correction, byUserId, new
            {
                reason = reason.Trim(),
                members = FrozenElectorate.AuditForm(members),
            }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }
}
