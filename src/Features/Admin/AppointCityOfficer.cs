using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;

namespace Portal.Features.Admin;

/// <summary>A platform admin lets an account, by email, follow the programme of a city (or of one district) as a city officer.</summary>
public sealed class AppointCityOfficer(PortalDb db, UserManager<PortalUser> users)
{
    public async Task AppointAsync(string? email, string? city, string? district, CancellationToken ct = default)
    {
        var user = await AccountByEmail.FindAsync(users, email);
        if (string.IsNullOrWhiteSpace(city)) throw new DomainException("officer.city_required", "A city officer needs a city.");
        db.Add(new CityOfficerScope(user.Id, city, district));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A platform admin ends a city officer's scope.</summary>
public sealed class RemoveCityOfficer(PortalDb db)
{
    public Task RemoveAsync(long scopeId, CancellationToken ct = default) =>
        db.Set<CityOfficerScope>().Where(s => s.Id == scopeId).ExecuteDeleteAsync(ct);
}
