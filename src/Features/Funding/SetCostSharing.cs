using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>
/// The committee sets how a plan item is paid for (资金方案): the total cost, what each outside source gives, how the
/// residents' share is split and the floor coefficients; or imports a custom sharing table.
/// </summary>
public sealed class SetCostSharing(PortalDb db, FundingQueries queries, TimeProvider clock)
{
    /// <summary>What the committee entered; floor coefficients apply to the item's whole scope.</summary>
    public sealed record Terms(long TotalCostFen, IReadOnlyDictionary<FundingSource, long> Sources, CostSharingMethod Method,
        IReadOnlyDictionary<int, int> FloorCoefficientThousandths);

    /// <summary>Creates or changes the item's scheme; a scheme that cannot be shared among the flats in scope is refused and nothing is saved.</summary>
    public async Task<CostSharingScheme> SaveAsync(PlanItem item, Terms terms, CancellationToken ct = default)
    {
        var scheme = await queries.SchemeAsync(item.Id, ct);
        if (scheme is null)
        {
            scheme = new CostSharingScheme(item.CompoundId, item.Id, terms.TotalCostFen, terms.Method, clock.GetUtcNow());
            db.Add(scheme);
        }
        scheme.SetCosts(terms.TotalCostFen, terms.Sources);
        scheme.UseMethod(terms.Method);
        foreach (var (floor, thousandths) in terms.FloorCoefficientThousandths) scheme.SetCoefficient(null, null, floor, thousandths);
        scheme.Shares((await queries.FlatsInScopeAsync(item, ct)).Select(f => f.Sharing)); // throws when it cannot be shared
        await db.SaveChangesAsync(ct);
        return scheme;
    }

    /// <summary>
    /// Sets floor coefficients for the whole scope (no building or entrance), one building or one entrance of it: a
    /// published table or one edited value. Refused, and nothing saved, when the scheme could then not be shared.
    /// </summary>
    public async Task SetCoefficientsAsync(PlanItem item, long? buildingId, long? entranceId, IReadOnlyDictionary<int, int> coefficients, CancellationToken ct = default)
    {
        var scheme = await queries.SchemeAsync(item.Id, ct)
            ?? throw new DomainException("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
        var flats = (await queries.FlatsInScopeAsync(item, ct)).Select(f => f.Sharing).ToList();
        if ((buildingId is { } b && !flats.Any(f => f.BuildingId == b)) || (entranceId is { } e && !flats.Any(f => f.EntranceId == e && (buildingId is null || f.BuildingId == buildingId))))
            throw new DomainException("funding.coefficient_target_unknown", "That building or entrance is not in the item's scope.");
        foreach (var (floor, thousandths) in coefficients) scheme.SetCoefficient(buildingId, entranceId, floor, thousandths);
        scheme.Shares(flats); // throws when it cannot be shared
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces the custom sharing table as a whole and switches the scheme to it.</summary>
    /// A table whose compensation (negative amounts) outweighs what the other flats pay is refused and nothing is saved.
    public async Task ImportCustomTableAsync(long planItemId, IReadOnlyList<CustomShare> shares, CancellationToken ct = default)
    {
        var scheme = await queries.SchemeAsync(planItemId, ct)
            ?? throw new DomainException("funding.no_cost_sharing", "The plan item has no cost-sharing scheme yet.");
        var item = await db.Set<PlanItem>().FirstAsync(p => p.Id == planItemId, ct);
        scheme.ReplaceCustomTable(shares);
        scheme.UseMethod(CostSharingMethod.CustomTable);
        scheme.Shares((await queries.FlatsInScopeAsync(item, ct)).Select(f => f.Sharing)); // throws when it cannot be shared
        await db.SaveChangesAsync(ct);
    }
}
