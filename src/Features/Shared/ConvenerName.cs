using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Shared;

/// <summary>
/// The real name of the body that signs what is published: 梨花小区居民委员会, 梨花小区业主委员会 … Notices, results,
/// consultations and letters are signed by the body their author or convener acts for, never by a hard-coded
/// 业主委员会. A person holding several roles signs for the convening body first (in <see cref="CompoundRoleKinds.Conveners"/>
/// order), then the party organisation, then the property-service company.
/// </summary>
public static class ConvenerName
{
    /// <summary>The roles that speak for a body, in the order a person holding several signs for.</summary>
    public static readonly IReadOnlyList<CompoundRoleKind> SigningBodies =
        [.. CompoundRoleKinds.Conveners, CompoundRoleKind.PartyOrganisation, CompoundRoleKind.PropertyManager];

    /// <summary>
    /// e.g. 梨花小区居民委员会 for <see cref="CompoundRoleKind.ResidentsCommittee"/>; the property company by its name
    /// when the committee entered it (<see cref="Compound.PropertyCompany"/>).
    /// </summary>
    public static string Of(CompoundRoleKind body, Compound compound, IStringLocalizer<SharedText> s) =>
        body == CompoundRoleKind.PropertyManager && compound.PropertyCompany is { } company ? company : s["Signature_" + body, compound.Name].Value;

    /// <summary>
    /// What <paramref name="userId"/> signs as: the body they act for in the compound. Someone who holds no body's role
    /// (a building lead, a platform admin, an account closed since) signs as the compound's issuing unit when it is
    /// set, else as the compound's convening body, else with the compound's name alone.
    /// </summary>
    public static async Task<string> OfUserAsync(PortalDb db, Compound compound, string? userId, IStringLocalizer<SharedText> s,
        CancellationToken ct = default) =>
        await BodyOfAsync(db, compound, userId, s, ct) ?? compound.IssuingUnit ?? await OfCompoundAsync(db, compound, s, ct);

    /// <summary>
    /// What a letter or poster is issued by: the compound's issuing unit (发函单位) when the committee set one, else the
    /// body of whoever prints it.
    /// </summary>
    public static async Task<string> IssuingUnitAsync(PortalDb db, Compound compound, string? userId, IStringLocalizer<SharedText> s,
        CancellationToken ct = default) =>
        compound.IssuingUnit ?? await BodyOfAsync(db, compound, userId, s, ct) ?? await OfCompoundAsync(db, compound, s, ct);

    /// <summary>The body <paramref name="userId"/> acts for in the compound, or null when they hold no body's role there.</summary>
    public static async Task<string?> BodyOfAsync(PortalDb db, Compound compound, string? userId, IStringLocalizer<SharedText> s,
        CancellationToken ct = default)
    {
        if (userId is null) return null;
        var kinds = await db.Set<CompoundRole>().AsNoTracking().Where(r => r.CompoundId == compound.Id && r.UserId == userId)
            .Select(r => r.Kind).ToListAsync(ct);
        foreach (var kind in SigningBodies)
            if (kinds.Contains(kind)) return Of(kind, compound, s);
        return null;
    }

    /// <summary>The compound's convening body (whoever holds a convener's role there), else the compound's name.</summary>
    public static async Task<string> OfCompoundAsync(PortalDb db, Compound compound, IStringLocalizer<SharedText> s, CancellationToken ct = default)
    {
        var kinds = await db.Set<CompoundRole>().AsNoTracking().Where(r => r.CompoundId == compound.Id).Select(r => r.Kind).Distinct().ToListAsync(ct);
        foreach (var kind in CompoundRoleKinds.Conveners)
            if (kinds.Contains(kind)) return Of(kind, compound, s);
        return compound.Name;
    }
}
