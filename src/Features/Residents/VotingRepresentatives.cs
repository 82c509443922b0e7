using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

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
                           select new { l.UserId, l.LinkedAt, l.Id }).ToListAsync(ct);
        return links.OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).Select(l => l.UserId).Distinct().ToList();
    }

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
/// The committee records which of an owner of record's linked accounts votes for it (the co-owners' choice).
/// </summary>
public sealed class DesignateRepresentative(PortalDb db)
{
    /// <summary>False when the compound has no such active link.</summary>
    public async Task<bool> DesignateAsync(long compoundId, long linkId, CancellationToken ct = default)
    {
        var link = await db.Set<ResidentLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.CompoundId == compoundId && l.UnlinkedAt == null, ct);
        if (link is null) return false;
        if (!link.Relation.MayVote())
            throw new Portal.Domain.Shared.DomainException("representative.not_owner", "Only an owner or co-owner can be the voting representative.");
        var owner = await (from f in db.Set<Flat>()
                           join o in db.Set<OwnerOfRecord>() on f.OwnerOfRecordId equals o.Id
                           where f.Id == link.FlatId
                           select o).SingleAsync(ct);
        owner.DesignateRepresentative(link.UserId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
