using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Accounts;

/// <summary>Works out an account's <see cref="Membership"/> in a compound from the register.</summary>
public sealed class CompoundAccess(PortalDb db)
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task<Membership> MembershipAsync(ClaimsPrincipal user, Compound? compound, CancellationToken ct = default)
    {
        var userId = UserId(user);
        if (userId is null) return Membership.Anonymous;
        var isAdmin = user.IsInRole(PlatformRoles.Admin);

        if (compound is null)
        {
            var anyOfficer = await db.Set<CityOfficerScope>().AnyAsync(s => s.UserId == userId, ct);
            return new Membership(true, isAdmin, anyOfficer, [], []);
        }

        var scopes = await db.Set<CityOfficerScope>().Where(s => s.UserId == userId).ToListAsync(ct);
        var roles = await db.Set<CompoundRole>()
            .Where(r => r.UserId == userId && r.CompoundId == compound.Id)
            .Select(r => new CompoundRoleGrant(r.Kind, r.BuildingId, r.EntranceId))
            .ToListAsync(ct);
        var ties = await (from l in db.Set<ResidentLink>()
                          join f in db.Set<Flat>() on l.FlatId equals f.Id
                          where l.UserId == userId && l.CompoundId == compound.Id && l.UnlinkedAt == null
                          select new FlatTie(f.Id, f.OwnerOfRecordId, f.BuildingId, f.EntranceId, l.Relation))
                         .ToListAsync(ct);
        return new Membership(true, isAdmin, scopes.Any(s => s.Covers(compound.City, compound.District)), roles, ties);
    }
}
