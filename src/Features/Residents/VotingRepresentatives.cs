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
        return accounts.FirstOrDefault();
    }
}
