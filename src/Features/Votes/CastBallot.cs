using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Residents;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>
/// An open vote and its matters as a cast needs them, kept for a few seconds per node: matters do not change once a vote
/// is open, and whether it still takes ballots is checked again under the writer lock (<see cref="VoteAuditLog.LockOpenVoteAsync"/>).
/// </summary>
public sealed class OpenVotes(IMemoryCache cache)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);

    public sealed record OpenVote(Vote Vote, IReadOnlyList<MatterSpec> Matters);

    public async Task<OpenVote> GetAsync(PortalDb db, VoteCounter counter, long voteId, long compoundId, DateTimeOffset now, CancellationToken ct)
    {
        if (cache.TryGetValue(("open-vote", voteId), out OpenVote? kept) && kept!.Vote.CompoundId == compoundId && kept.Vote.AcceptsBallotsAt(now))
            return kept;
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct)
            ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
        if (!vote.AcceptsBallotsAt(now))
            throw new DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
        var open = new OpenVote(vote, await counter.MattersAsync(voteId, ct));
        cache.Set(("open-vote", voteId), open, KeepFor);
        return open;
    }
}

/// <summary>An owner (or co-owner) votes online for an owner of record of theirs, and may change the ballot until closing.</summary>
public sealed class CastBallot(PortalDb db, BallotWriter writer, VoteCounter counter, OpenVotes openVotes, TimeProvider clock)
{
    /// <summary>The owners of record a user may vote for in this vote: linked as owner/co-owner to one of their flats in scope.</summary>
    public async Task<IReadOnlyList<long>> OwnersVotableByAsync(long voteId, string userId, CancellationToken ct = default) =>
        await (from l in db.Set<ResidentLink>()
               join f in db.Set<ElectorateFlat>() on l.FlatId equals f.FlatId
               where f.VoteId == voteId && l.UserId == userId && l.UnlinkedAt == null
                     && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
               select f.OwnerOfRecordId).Distinct().ToListAsync(ct);

    /// <summary>
    /// Casts or changes the ballot. Everything is read before the write transaction starts, in as few statements as it
    /// takes (the caller's <paramref name="ties"/>, from the page's membership, spare reading the user's links again), so
    /// the vote's writer lock (SQLite's write lock, PostgreSQL's vote row) is held only for the writes:
    /// see <see cref="BallotWriter.CastOnlineAsync"/>.
    /// </summary>
    public async Task<CastReceipt> RunAsync(long voteId, long compoundId, string userId, long ownerOfRecordId,
        IReadOnlyList<MatterChoice> choices, CancellationToken ct = default, string? compoundCode = null, IReadOnlyList<FlatTie>? ties = null)
    {
        var (vote, matters) = await openVotes.GetAsync(db, counter, voteId, compoundId, clock.GetUtcNow(), ct);
        var myFlats = ties?.Where(t => t.OwnerOfRecordId == ownerOfRecordId && t.Relation.MayVote()).Select(t => t.FlatId).ToList();
        if (myFlats is { Count: 0 } || (myFlats is null && !(await OwnersVotableByAsync(voteId, userId, ct)).Contains(ownerOfRecordId)))
            throw NotYourFlat();
        var normalised = BallotWriter.ValidateChoices(matters, choices, BallotChannel.Online);
        // The receipt email is this notification (in the owner's own language), stored with the ballot.
        var link = VoteNotifications.Link(compoundCode ?? await db.Set<Compound>().Where(c => c.Id == compoundId).Select(c => c.Code).FirstAsync(ct), voteId);
        // One read for all the owner's checks: the electorate, the scope, and the accounts, so that only the
        // representative casts and the other co-owners are told. The current ballot is read under the writer lock.
        var owner = await OwnerChecks.RunAsync(db, ownerOfRecordId, voteId, myFlats is null, myFlats ?? [], ct);
        if (owner is { InElectorate: true, InScope: false }) throw NotYourFlat();
        if (owner is not { InElectorate: true })
            throw new DomainException("ballot.not_in_electorate", "This owner is not in the vote's electorate.");
        var accounts = VotingRepresentatives.FirstLinkedFirst(owner.Accounts);
        if (VotingRepresentatives.Choose(accounts, owner.Designated) != userId)
            throw new DomainException("ballot.not_representative", "Only the owner's voting representative casts online.");
        var coOwners = accounts.Where(u => u != userId).ToArray();

        return await RetryOnConflict.RunAsync(db, async () =>
        {
            return await writer.CastOnlineAsync(vote, ownerOfRecordId, normalised, userId, receipt =>
            {
                var title = new Dictionary<string, string> { ["title"] = vote.Title };
                BallotWriter.Notice[] mine =
                [
                    new(NotificationKind.BallotReceipt, vote.CompoundId, Audience.Users(userId), link,
                        new Dictionary<string, string> { ["title"] = vote.Title, ["receipt"] = receipt }),
                ];
                // Co-owners do not cast, but they see the household's ballot and are told when it changes.
                return coOwners.Length == 0 ? mine : [.. mine, new(NotificationKind.CoOwnerBallotCast, vote.CompoundId, Audience.Users(coOwners), link, title)];
            }, ct);
        }, ct);
    }

    private sealed record OwnerRow(string? Designated, List<VotingRepresentatives.LinkedAccount> Accounts, bool InElectorate, bool InScope);

    /// <summary>
    /// The owner's checks (see <see cref="RunAsync"/>), compiled once: every cast runs it, and an ad-hoc query of this
    /// size costs more to look up in EF's query cache than to run.
    /// </summary>
    private static readonly CompiledQuery<long, long, bool, List<long>, OwnerRow?> OwnerChecks = new(
        (PortalDb db, long ownerId, long voteId, bool anyFlat, List<long> flats, CancellationToken ct) => db.Set<OwnerOfRecord>()
            .Where(o => o.Id == ownerId)
            .Select(o => new OwnerRow(o.VotingRepresentativeUserId,
                (from l in db.Set<ResidentLink>()
                 join f in db.Set<Flat>() on l.FlatId equals f.Id
                 where f.OwnerOfRecordId == o.Id && l.UnlinkedAt == null
                       && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                 select new VotingRepresentatives.LinkedAccount(l.UserId, l.LinkedAt, l.Id)).ToList(),
                db.Set<ElectorateMember>().Any(m => m.VoteId == voteId && m.OwnerOfRecordId == o.Id),
                anyFlat || db.Set<ElectorateFlat>().Any(f => f.VoteId == voteId && f.OwnerOfRecordId == o.Id && flats.Contains(f.FlatId))))
            .FirstOrDefault());

    private static DomainException NotYourFlat() =>
        new("ballot.not_your_flat", "Only an owner or co-owner of one of this owner's flats in scope can vote.");
}
