using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

namespace Portal.Features.Funding;

/// <summary>One flat's line of an allocation: its part of the whole cost, and the residents' share it pays.</summary>
public sealed record AllocationLine(long FlatId, long OwnerOfRecordId, string Label, int Floor, long AreaCents, int CoefficientThousandths, long CostFen, long ShareFen,
    long FundFen = 0)
{
    /// <summary>What subsidies and other outside sources cover of this flat's part.</summary>
    public long CoveredFen => CostFen - ShareFen;

    /// <summary>What the household itself pays: its share less what is drawn from the flat's own maintenance-fund account.</summary>
    public long HouseholdFen => ShareFen - FundFen;
}

/// <summary>What one household (an owner of record's flats in scope) pays for a plan item.</summary>
public sealed record HouseholdQuoteView(long PlanItemId, string PlanItemTitle, CostSharingMethod Method, IReadOnlyList<AllocationLine> Flats)
{
    public long ShareFen => Flats.Sum(f => f.ShareFen);
    public long CostFen => Flats.Sum(f => f.CostFen);
    public long CoveredFen => CostFen - ShareFen;
    /// <summary>Drawn from the household's flats' maintenance-fund accounts (only once the owners approved the fund use).</summary>
    public long FundFen => Flats.Sum(f => f.FundFen);
    public long HouseholdFen => ShareFen - FundFen;
}

/// <summary>
/// Quotes for households and the committee's allocation table. The votes feature embeds a household's quote on the
/// vote page: <c>await quotes.ForUserAsync(userId, planItemId)</c> and <c>&lt;partial name="/Pages/Funding/_HouseholdQuote.cshtml" model="quote" /&gt;</c>.
/// </summary>
public sealed class HouseholdQuote(PortalDb db, FundingQueries queries)
{
    /// <summary>Every flat in scope with its cost and share; empty if the item has no cost-sharing scheme.</summary>
    public async Task<IReadOnlyList<AllocationLine>> TableAsync(long planItemId, CancellationToken ct = default)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId, ct);
        var scheme = await queries.SchemeAsync(planItemId, ct);
        if (item is null || scheme is null) return [];
        return Table(scheme, await queries.FlatsInScopeAsync(item, ct), await FundBalancesAsync(scheme, ct));
    }

    /// <summary>The flats' fund balances when the scheme draws on the fund (the owners approved it); none before that.</summary>
    public async Task<IReadOnlyDictionary<long, long>?> FundBalancesAsync(CostSharingScheme scheme, CancellationToken ct = default) =>
        scheme.DrawsFromFund
            ? await db.Set<FundBalance>().Where(b => b.CompoundId == scheme.CompoundId).ToDictionaryAsync(b => b.FlatId, b => b.BalanceFen, ct)
            : null;

    /// <summary>The allocation table, or none with the reason (a DomainException code) when the scheme cannot share the cost among these flats.</summary>
    public static IReadOnlyList<AllocationLine> Table(CostSharingScheme scheme, IReadOnlyList<FlatInScope> flats, out string? refusal)
    {
        refusal = flats.Count == 0 ? null : scheme.SharingRefusal(flats.Select(f => f.Sharing));
        return refusal is null ? Table(scheme, flats) : [];
    }

    public static IReadOnlyList<AllocationLine> Table(CostSharingScheme scheme, IReadOnlyList<FlatInScope> flats, IReadOnlyDictionary<long, long>? fundBalances = null)
    {
        if (flats.Count == 0) return [];
        var shares = scheme.Shares(flats.Select(f => f.Sharing));
        // The whole cost split the same way, so "subsidies cover" is the flat's part of the cost less its share.
        var costs = scheme.Method == CostSharingMethod.Voluntary
            ? shares
            : Allocation.Split(scheme.TotalCostFen, scheme.Weights(flats.Select(f => f.Sharing)));
        return flats.Select(f => new AllocationLine(f.Sharing.FlatId, f.Sharing.OwnerOfRecordId, f.Label, f.Sharing.Floor, f.Sharing.ExclusiveAreaCents,
                scheme.CoefficientFor(f.Sharing.BuildingId, f.Sharing.EntranceId, f.Sharing.Floor),
                Math.Max(costs[f.Sharing.FlatId], shares[f.Sharing.FlatId]), shares[f.Sharing.FlatId],
                fundBalances is null ? 0 : FundDraw.For(shares[f.Sharing.FlatId], fundBalances.GetValueOrDefault(f.Sharing.FlatId))))
            .ToList();
    }

    /// <summary>The quote of the household an account belongs to (its owner of record's flats in scope); null when none.</summary>
    public async Task<HouseholdQuoteView?> ForUserAsync(string userId, long planItemId, CancellationToken ct = default)
    {
        var owners = await (from l in db.Set<ResidentLink>()
                            join f in db.Set<Flat>() on l.FlatId equals f.Id
                            where l.UserId == userId && l.UnlinkedAt == null
                            select new { f.OwnerOfRecordId, l.Relation }).ToListAsync(ct);
        var ownerIds = owners.Where(o => o.Relation.MayVote()).Select(o => o.OwnerOfRecordId).ToHashSet();
        if (ownerIds.Count == 0) return null;
        return await ForOwnersAsync(ownerIds, planItemId, ct);
    }

    public async Task<HouseholdQuoteView?> ForOwnersAsync(IReadOnlySet<long> ownerOfRecordIds, long planItemId, CancellationToken ct = default)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId, ct);
        var scheme = await queries.SchemeAsync(planItemId, ct);
        if (item is null || scheme is null) return null;
        var table = Table(scheme, await queries.FlatsInScopeAsync(item, ct), await FundBalancesAsync(scheme, ct));
        var mine = table.Where(l => ownerOfRecordIds.Contains(l.OwnerOfRecordId)).ToList();
        return mine.Count == 0 ? null : new HouseholdQuoteView(item.Id, item.Title, scheme.Method, mine);
    }
}
