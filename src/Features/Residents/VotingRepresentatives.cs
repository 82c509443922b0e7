using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;

namespace Portal.Features.Residents;

/// <summary>
/// Co-owners count once and vote through one of them (domain.md): the owner of record's voting representative is the
/// account its co-owners designated, else the first account linked as owner or co-owner. Tenants and family never vote.
/// </summary>
public static class VotingRepresentatives
{
    /// <summary>Whether <paramref name="userId"/> may cast the online ballot of <paramref name="ownerOfRecordId"/>.</summary>
    public static async Task<bool> MayVoteForAsync(this PortalDb db, long ownerOfRecordId, string userId, CancellationToken ct = default) =>
        await db.RepresentativeOfAsync(ownerOfRecordId, ct) == userId;

    /// <summary>The accounts linked as owner or co-owner to any flat of the owner of record, first linked first.</summary>
    public static async Task<IReadOnlyList<string>> VotingAccountsOfAsync(this PortalDb db, long ownerOfRecordId, CancellationToken ct = default)
    {
        var links = await (from l in db.Set<ResidentLink>()
                           join f in db.Set<Flat>() on l.FlatId equals f.Id
                           where f.OwnerOfRecordId == ownerOfRecordId && l.UnlinkedAt == null
                                 && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                           select new LinkedAccount(l.UserId, l.LinkedAt, l.Id)).ToListAsync(ct);
        return FirstLinkedFirst(links);
    }

    /// <summary>An owner account's link to one of the owner of record's flats.</summary>
    public sealed record LinkedAccount(string UserId, DateTimeOffset LinkedAt, long LinkId);

    /// <summary>Each account once, the first linked first (the order <see cref="Choose"/> expects).</summary>
    public static IReadOnlyList<string> FirstLinkedFirst(IEnumerable<LinkedAccount> links) =>
        links.OrderBy(l => l.LinkedAt).ThenBy(l => l.LinkId).Select(l => l.UserId).Distinct().ToList();

    /// <summary>The account that votes for the owner of record, or null when none is linked.</summary>
    public static async Task<string?> RepresentativeOfAsync(this PortalDb db, long ownerOfRecordId, CancellationToken ct = default)
    {
        var accounts = await db.VotingAccountsOfAsync(ownerOfRecordId, ct);
        var designated = await db.Set<OwnerOfRecord>().Where(o => o.Id == ownerOfRecordId)
            .Select(o => o.VotingRepresentativeUserId).FirstOrDefaultAsync(ct);
        return Choose(accounts, designated);
    }

    /// <summary>The designated account while it is still linked, else the first linked one.</summary>
    public static string? Choose(IReadOnlyList<string> votingAccountsFirstLinkedFirst, string? designated) =>
        designated is not null && votingAccountsFirstLinkedFirst.Contains(designated) ? designated : votingAccountsFirstLinkedFirst.FirstOrDefault();
}

/// <summary>
/// The committee records which of an owner of record's linked accounts votes for it (the co-owners' choice, when they
/// bring it to the committee). Logged in the audit of every open vote the owner is in.
/// </summary>
public sealed class DesignateRepresentative(PortalDb db, RepresentativeChange change)
{
    /// <summary>False when the compound has no such active link.</summary>
    public async Task<bool> DesignateAsync(long compoundId, long linkId, string byUserId, CancellationToken ct = default)
    {
        var link = await db.Set<ResidentLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId && l.CompoundId == compoundId && l.UnlinkedAt == null, ct);
        if (link is null) return false;
        await change.ApplyAsync(link, byUserId, RepresentativeChange.ByCommittee, ct);
        return true;
    }
}

/// <summary>
/// The co-owners choose among themselves: the owner of record's current voting representative hands the online ballot
/// to another of its owner accounts (one flat, one vote). Nobody else takes it over: a co-owner who disagrees goes to
/// the committee. Logged in the audit of every open vote the owner is in.
/// </summary>
public sealed class HandOverRepresentative(PortalDb db, RepresentativeChange change)
{
    /// <summary>False when <paramref name="linkId"/> is not an active link of one of the owners of record <paramref name="byUserId"/> votes for.</summary>
    public async Task<bool> HandOverAsync(string byUserId, long linkId, CancellationToken ct = default)
    {
        var link = await db.Set<ResidentLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId && l.UnlinkedAt == null, ct);
        if (link is null) return false;
        var ownerOfRecordId = await db.Set<Flat>().Where(f => f.Id == link.FlatId).Select(f => f.OwnerOfRecordId).FirstAsync(ct);
        if (!(await db.VotingAccountsOfAsync(ownerOfRecordId, ct)).Contains(byUserId)) return false;
        await change.ApplyAsync(link, byUserId, RepresentativeChange.ByOwner, ct);
        return true;
    }
}

/// <summary>Makes a linked owner account the representative of its owner of record, and logs the change in every open vote.</summary>
public sealed class RepresentativeChange(PortalDb db, Portal.Features.Votes.VoteAuditLog audit)
{
    public const string ByOwner = "owner";
    public const string ByCommittee = "committee";

    public const string ByUnlink = "unlink";

    /// <summary>
    /// Runs <paramref name="change"/> (the committee unlinks an account, say) and, when it changes who represents the
    /// owner of record (the representative left, the next linked account takes over), logs that in every open vote.
    /// </summary>
    public async Task AroundAsync(long ownerOfRecordId, long compoundId, string byUserId, string how, Func<Task> change, CancellationToken ct)
    {
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var openVotes = await LockAsync(ownerOfRecordId, compoundId, ct);
            var from = await db.RepresentativeOfAsync(ownerOfRecordId, ct);
            await change();
            await db.SaveChangesAsync(ct);
            var to = await db.RepresentativeOfAsync(ownerOfRecordId, ct);
            if (from != to)
                foreach (var voteId in openVotes)
                    await audit.AppendAsync(voteId, AuditActions.RepresentativeChanged, byUserId, new { owner = ownerOfRecordId, from, to, by = how }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Queues behind the open votes' other writers (as ballots do), then behind other changes of this owner, so that
    /// what is read next about who represents it stays true until the commit. Returns the open votes the owner is in.
    /// </summary>
    private async Task<List<long>> LockAsync(long ownerOfRecordId, long compoundId, CancellationToken ct)
    {
        var openVotes = await (from v in db.Set<Vote>()
                               where v.CompoundId == compoundId && v.Status == VoteStatus.Open
                                     && db.Set<ElectorateFlat>().Any(e => e.VoteId == v.Id && e.OwnerOfRecordId == ownerOfRecordId)
                               orderby v.Id
                               select v.Id).ToListAsync(ct);
        foreach (var voteId in openVotes) await audit.QueueWritersAsync(voteId, ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"OwnersOfRecord\" WHERE \"Id\" = {ownerOfRecordId} FOR UPDATE", ct);
        return openVotes;
    }

    /// <summary>
    /// <paramref name="how"/> is <see cref="ByOwner"/> (then <paramref name="byUserId"/> must be the representative
    /// when the change is made) or <see cref="ByCommittee"/>.
    /// </summary>
    public async Task ApplyAsync(ResidentLink link, string byUserId, string how, CancellationToken ct)
    {
        if (!link.Relation.MayVote())
            throw new DomainException("representative.not_owner", "Only an owner or co-owner can be the voting representative.");
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ownerOfRecordId = await db.Set<Flat>().Where(f => f.Id == link.FlatId).Select(f => f.OwnerOfRecordId).SingleAsync(ct);
            // Locked before reading who represents the owner: two hand-overs at once are one change, logged once.
            var openVotes = await LockAsync(ownerOfRecordId, link.CompoundId, ct);
            var owner = await db.Set<OwnerOfRecord>().SingleAsync(o => o.Id == ownerOfRecordId, ct);
            var from = await db.RepresentativeOfAsync(owner.Id, ct);
            if (how == ByOwner && from != byUserId)
                throw new DomainException("representative.not_yours", "Only the current voting representative hands the vote over.");
            if (from == link.UserId && owner.VotingRepresentativeUserId == link.UserId) return;
            if (from != link.UserId)
                foreach (var voteId in openVotes)
                    await audit.AppendAsync(voteId, AuditActions.RepresentativeChanged, byUserId,
                        new { owner = owner.Id, from, to = link.UserId, by = how }, ct);
            owner.DesignateRepresentative(link.UserId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }
}
