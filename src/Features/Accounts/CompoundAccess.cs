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

    /// <summary>
    /// The compound with this (normalised) code and the caller's membership there, in one statement: every page of a
    /// compound starts with it. Null when there is no such compound.
    /// </summary>
    public async Task<(Compound Compound, Membership Membership)?> CompoundAndMembershipAsync(ClaimsPrincipal user, string code, CancellationToken ct = default)
    {
        var userId = UserId(user);
        if (userId is null)
        {
            var alone = await db.Set<Compound>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
            return alone is null ? null : (alone, Membership.Anonymous);
        }
        var row = await ByCode.RunAsync(db, code, userId, ct);
        if (row is null) return null;
        return (row.Compound, Of(user, row.Officer, row.Roles, row.Ties));
    }

    private sealed record CompoundRow(Compound Compound, bool Officer, List<CompoundRoleGrant> Roles, List<FlatTie> Ties);

    /// <summary>
    /// Compiled once: every page of a compound runs it, and an ad-hoc query of this size costs more to look up in EF's
    /// query cache (funcletizing and hashing its tree) than to run.
    /// </summary>
    private static readonly CompiledQuery<string, string, CompoundRow?> ByCode = new(
        (PortalDb db, string code, string userId, CancellationToken ct) => db.Set<Compound>().AsNoTracking().Where(c => c.Code == code)
            .Select(c => new CompoundRow(c,
                db.Set<CityOfficerScope>().Any(s => s.UserId == userId && s.City == c.City && (s.District == null || s.District == c.District)),
                db.Set<CompoundRole>().Where(r => r.UserId == userId && r.CompoundId == c.Id)
                    .Select(r => new CompoundRoleGrant(r.Kind, r.BuildingId, r.EntranceId)).ToList(),
                db.Set<Flat>().Where(f => f.CompoundId == c.Id)
                    .Join(db.Set<ResidentLink>().Where(l => l.UserId == userId && l.UnlinkedAt == null), f => f.Id, l => l.FlatId,
                        (f, l) => new FlatTie(f.Id, f.OwnerOfRecordId, f.BuildingId, f.EntranceId, l.Relation)).ToList()))
            .FirstOrDefault());

    private static Membership Of(ClaimsPrincipal user, bool cityOfficer, IReadOnlyList<CompoundRoleGrant> roles, IReadOnlyList<FlatTie> ties) =>
        new(true, user.IsInRole(PlatformRoles.Admin), cityOfficer, roles, ties);

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
        return Of(user, scopes.Any(s => s.Covers(compound.City, compound.District)), roles, ties);
    }
}
