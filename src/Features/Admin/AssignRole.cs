using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;

namespace Portal.Features.Admin;

/// <summary>
/// A platform admin gives an account, by email, a role in a compound: committee, property manager, or building lead
/// of a building (or one of its entrances, by their register names). Assigning a role it already has changes nothing.
/// </summary>
public sealed class AssignRole(PortalDb db, UserManager<PortalUser> users, TimeProvider clock)
{
    public async Task AssignAsync(long compoundId, string? email, CompoundRoleKind kind, string? building, string? entrance, string by, CancellationToken ct = default)
    {
        var user = await AccountByEmail.FindAsync(users, email);
        if (!Enum.IsDefined(kind)) throw new DomainException("role.bad_kind", "Choose a role.");
        long? buildingId = null, entranceId = null;
        if (kind == CompoundRoleKind.BuildingLead)
        {
            var b = await db.Set<Building>().FirstOrDefaultAsync(x => x.CompoundId == compoundId && x.Name == (building ?? "").Trim(), ct)
                    ?? throw new DomainException("role.no_such_building", "The compound has no building of that name.");
            buildingId = b.Id;
            if (!string.IsNullOrWhiteSpace(entrance))
                entranceId = (await db.Set<Entrance>().FirstOrDefaultAsync(x => x.BuildingId == b.Id && x.Name == entrance.Trim(), ct)
                              ?? throw new DomainException("role.no_such_entrance", "The building has no entrance of that name.")).Id;
        }
        if (await db.Set<CompoundRole>().AnyAsync(r => r.UserId == user.Id && r.CompoundId == compoundId && r.Kind == kind && r.BuildingId == buildingId && r.EntranceId == entranceId, ct))
            return;
        db.Add(new CompoundRole(user.Id, compoundId, kind, buildingId, entranceId, clock.GetUtcNow(), by));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A platform admin takes a role in a compound away.</summary>
public sealed class RevokeRole(PortalDb db)
{
    public Task RevokeAsync(long compoundId, long roleId, CancellationToken ct = default) =>
        db.Set<CompoundRole>().Where(r => r.Id == roleId && r.CompoundId == compoundId).ExecuteDeleteAsync(ct);
}

internal static class AccountByEmail
{
    public static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, string? email) =>
        (string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim()))
        ?? throw new DomainException("role.no_such_account", "There is no account with that email.");
}
