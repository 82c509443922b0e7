using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>An owner (or co-owner) votes online for an owner of record of theirs, and may change the ballot until closing.</summary>
public sealed class CastBallot(PortalDb db, BallotWriter writer, VoteNotifications notifications)
{
    /// <summary>The owners of record a user may vote for in this vote: linked as owner/co-owner to one of their flats in scope.</summary>
    public async Task<IReadOnlyList<long>> OwnersVotableByAsync(long voteId, string userId, CancellationToken ct = default) =>
        await (from l in db.Set<ResidentLink>()
               join f in db.Set<ElectorateFlat>() on l.FlatId equals f.FlatId
               where f.VoteId == voteId && l.UserId == userId && l.UnlinkedAt == null
                     && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
               select f.OwnerOfRecordId).Distinct().ToListAsync(ct);

    public async Task<CastReceipt> RunAsync(long voteId, long compoundId, string userId, long ownerOfRecordId,
        IReadOnlyList<MatterChoice> choices, CancellationToken ct = default)
    {
        if (!(await OwnersVotableByAsync(voteId, userId, ct)).Contains(ownerOfRecordId))
            throw new DomainException("ballot.not_your_flat", "Only an owner or co-owner of one of this owner's flats in scope can vote.");
        if (!await Portal.Features.Residents.VotingRepresentatives.MayVoteForAsync(db, ownerOfRecordId, userId, ct)) throw new DomainException("ballot.not_representative", "Only the owner's voting representative casts online.");
        return await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var vote = await writer.VoteTakingBallotsAsync(voteId, compoundId, ct);
            var receipt = await writer.ApplyAsync(vote, ownerOfRecordId, choices,
                new BallotMeta(BallotChannel.Online, userId, null, null, null, null), ct);
            // The receipt email is this notification (in the owner's own language), stored with the ballot.
            await notifications.RaiseAsync(NotificationKind.BallotReceipt, vote, Audience.Users(userId),
                new Dictionary<string, string> { ["receipt"] = receipt.ReceiptCode }, ct: ct);
            // Co-owners do not cast, but they see the household's ballot and are told when it changes.
            var coOwners = (await Portal.Features.Residents.VotingRepresentatives.VotingAccountsOfAsync(db, ownerOfRecordId, ct)).Where(u => u != userId).ToArray();
            if (coOwners.Length > 0)
                await notifications.RaiseAsync(NotificationKind.CoOwnerBallotCast, vote, Audience.Users(coOwners), ct: ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return receipt;
        }, ct);
    }
}
