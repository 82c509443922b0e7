using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>How the residents' share of a plan item is split among the flats in scope.</summary>
public enum CostSharingMethod
{
    EqualPerFlat = 0,
    ByArea = 1,
    FloorCoefficient = 2,
    CustomTable = 3,
    /// <summary>No allocated share: residents pledge what they like (a shared charger, say).</summary>
    Voluntary = 4,
}

/// <summary>How a household that did not pay while the campaign ran may join later (后加入).</summary>
public enum LateJoinRule
{
    /// <summary>Late joining is not (or no longer) offered.</summary>
    Closed = 0,
    /// <summary>The household's original part plus a percentage the committee sets.</summary>
    ShareWithUplift = 1,
    /// <summary>A fixed amount the committee sets.</summary>
    FixedAmount = 2,
}

/// <summary>An amount promised by one funding source (a subsidy, the maintenance fund, social capital).</summary>
public class CostSharingSource
{
    private CostSharingSource() { }

    public CostSharingSource(FundingSource source, long amountFen)
    {
        Source = source;
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long SchemeId { get; private set; }
    public FundingSource Source { get; private set; }
    public long AmountFen { get; private set; }
}

/// <summary>One flat's line in a custom sharing table (imported from CSV/.xlsx); used as its weight, negative for compensation.</summary>
public class CustomShare
{
    private CustomShare() { }

    /// <summary>A negative amount is compensation paid to the flat (低层补偿).</summary>
    public CustomShare(long flatId, long amountFen)
    {
        FlatId = flatId;
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long SchemeId { get; private set; }
    public long FlatId { get; private set; }
    public long AmountFen { get; private set; }
}

/// <summary>
/// How one plan item is paid for (资金方案): the total cost, what each outside source gives, and how the remainder
/// (the residents' share) is split among the flats in scope. Not to be confused with the renovation plan (改造计划)
/// that the item belongs to.
/// </summary>
public class CostSharingScheme
{
    private readonly List<CostSharingSource> _sources = [];
    private readonly List<FloorCoefficient> _coefficients = [];
    private readonly List<CustomShare> _customShares = [];

    private CostSharingScheme() { }

    public CostSharingScheme(long compoundId, long planItemId, long totalCostFen, CostSharingMethod method, DateTimeOffset createdAt)
    {
        CompoundId = compoundId;
        PlanItemId = planItemId;
        Method = method;
        CreatedAt = createdAt;
        SetCosts(totalCostFen, new Dictionary<FundingSource, long>());
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long PlanItemId { get; private set; }
    /// <summary>The vote that approved the item, if any (kept by id: votes are their own feature).</summary>
    public long? VoteId { get; private set; }
    /// <summary>The vote and its matter (rule civil-code-ordinary) in which the owners approved using the maintenance fund; until then no fund money is drawn.</summary>
    public long? FundUseVoteId { get; private set; }
    public long? FundUseMatterId { get; private set; }
    public long TotalCostFen { get; private set; }
    public CostSharingMethod Method { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public LateJoinRule LateJoin { get; private set; }
    public int LateJoinUpliftPercent { get; private set; }
    public long LateJoinFixedFen { get; private set; }

    public const int MaxUpliftPercent = 1000;

    /// <summary>The committee sets (or, with <see cref="LateJoinRule.Closed"/>, closes) late joining.</summary>
    public void SetLateJoin(LateJoinRule rule, int upliftPercent, long fixedFen)
    {
        if (rule == LateJoinRule.ShareWithUplift && upliftPercent is < 0 or > MaxUpliftPercent)
            throw new DomainException("late_join.uplift_out_of_range", $"The uplift must be between 0 and {MaxUpliftPercent} percent.");
        if (rule == LateJoinRule.FixedAmount && fixedFen <= 0)
            throw new DomainException("late_join.fixed_not_positive", "A fixed late-join amount must be more than zero.");
        if (rule != LateJoinRule.Closed && Method == CostSharingMethod.Voluntary)
            throw new DomainException("late_join.voluntary", "A voluntary item has no share to join later.");
        LateJoin = rule;
        if (rule == LateJoinRule.ShareWithUplift) LateJoinUpliftPercent = upliftPercent;
        if (rule == LateJoinRule.FixedAmount) LateJoinFixedFen = fixedFen;
    }

    public bool LateJoinOpen => LateJoin != LateJoinRule.Closed;

    /// <summary>
    /// What a household whose own part was <paramref name="householdFen"/> pays to join late; null when late joining is
    /// closed or the household has nothing to pay (a compensated or fully fund-covered flat). The uplift is rounded to the fen, half up.
    /// </summary>
    public long? LateJoinAmountFen(long householdFen) => LateJoin switch
    {
        LateJoinRule.ShareWithUplift when householdFen > 0 => householdFen + (householdFen * LateJoinUpliftPercent + 50) / 100,
        LateJoinRule.FixedAmount when householdFen > 0 => LateJoinFixedFen,
        _ => null,
    };

    public IReadOnlyList<CostSharingSource> Sources => _sources;
    public IReadOnlyList<FloorCoefficient> Coefficients => _coefficients;
    public IReadOnlyList<CustomShare> CustomShares => _customShares;

    /// <summary>Lump sums from outside sources. A maintenance-fund line saved before the fund was drawn per flat is not counted: it never nets shares pro rata.</summary>
    public long OutsideFundingFen => _sources.Where(s => s.Source != FundingSource.MaintenanceFund).Sum(s => s.AmountFen);

    /// <summary>What the residents pay together: the total less every other source; never negative.</summary>
    public long ResidentsShareFen => TotalCostFen - OutsideFundingFen;

    /// <summary>Sets the total and the outside sources' amounts; they cannot exceed the total.</summary>
    public void SetCosts(long totalCostFen, IReadOnlyDictionary<FundingSource, long> sources)
    {
        if (totalCostFen < 0)
            throw new DomainException("funding.amount_negative", "The total cost cannot be negative.");
        if (sources.ContainsKey(FundingSource.Residents))
            throw new DomainException("funding.residents_is_remainder", "The residents' share is what remains; it is not entered.");
        // The maintenance fund is no lump sum: it sits in each flat's own account (分户账) and is drawn flat by flat
        // once the owners vote to use it, so it never shrinks everyone's share pro rata.
        if (sources.GetValueOrDefault(FundingSource.MaintenanceFund) != 0)
            throw new DomainException("funding.fund_is_per_flat", "The maintenance fund is drawn flat by flat from each flat's balance once owners vote to use it; it is not entered as a lump sum.");
        if (sources.Values.Any(v => v < 0))
            throw new DomainException("funding.amount_negative", "A source's amount cannot be negative.");
        var outside = sources.Values.Aggregate(0L, (a, v) => checked(a + v));
        if (outside > totalCostFen)
            throw new DomainException("funding.sources_exceed_total", "The sources add up to more than the total cost.");
        TotalCostFen = totalCostFen;
        _sources.Clear();
        _sources.AddRange(sources.Where(s => s.Value > 0).OrderBy(s => s.Key).Select(s => new CostSharingSource(s.Key, s.Value)));
    }

    public void UseMethod(CostSharingMethod method) => Method = method;

    public void LinkVote(long voteId) => VoteId ??= voteId;

    /// <summary>Each flat's share may now be drawn from its own fund balance: the owners approved the fund use in this matter.</summary>
    public void LinkFundUse(long voteId, long matterId)
    {
        if (FundUseMatterId is not null)
            throw new DomainException("funding.fund_use_linked", "This plan item is already linked to an approved fund use.");
        if (Method == CostSharingMethod.Voluntary)
            throw new DomainException("funding.fund_use_voluntary", "A voluntary item has no shares to draw from the fund.");
        FundUseVoteId = voteId;
        FundUseMatterId = matterId;
    }

    public bool DrawsFromFund => FundUseMatterId is not null;

    /// <summary>Sets one floor's coefficient for the whole scope (no building/entrance) or one building or entrance.</summary>
    public void SetCoefficient(long? buildingId, long? entranceId, int floor, int thousandths)
    {
        var existing = _coefficients.FirstOrDefault(c => c.BuildingId == buildingId && c.EntranceId == entranceId && c.Floor == floor);
        if (existing is null) _coefficients.Add(new FloorCoefficient(buildingId, entranceId, floor, thousandths));
        else existing.Change(thousandths);
    }

    /// <summary>The coefficient for a flat's floor: its entrance's, else its building's, else the scheme's, else the default table.</summary>
    public int CoefficientFor(long buildingId, long entranceId, int floor) =>
        (_coefficients.FirstOrDefault(c => c.EntranceId == entranceId && c.Floor == floor)
         ?? _coefficients.FirstOrDefault(c => c.EntranceId == null && c.BuildingId == buildingId && c.Floor == floor)
         ?? _coefficients.FirstOrDefault(c => c.EntranceId == null && c.BuildingId == null && c.Floor == floor))?.Thousandths
        ?? FloorCoefficients.Default(floor);

    /// <summary>Replaces the custom table (the whole table at once; the import refuses a file with any bad line).</summary>
    public void ReplaceCustomTable(IEnumerable<CustomShare> shares)
    {
        var list = shares.ToList();
        if (list.Select(s => s.FlatId).Distinct().Count() != list.Count)
            throw new DomainException("funding.duplicate_party", "A flat appears twice.");
        _customShares.Clear();
        _customShares.AddRange(list);
    }

    /// <summary>Each flat's weight under the scheme's method; may be negative where the scheme compensates a flat.</summary>
    public IReadOnlyList<(long Id, long Weight)> Weights(IEnumerable<FlatForSharing> flatsInScope)
    {
        var custom = _customShares.ToDictionary(c => c.FlatId, c => c.AmountFen);
        return flatsInScope.Select(f => (f.FlatId, Method switch
        {
            CostSharingMethod.EqualPerFlat => 1L,
            CostSharingMethod.ByArea => f.ExclusiveAreaCents,
            CostSharingMethod.FloorCoefficient => checked(f.ExclusiveAreaCents * CoefficientFor(f.BuildingId, f.EntranceId, f.Floor)),
            CostSharingMethod.CustomTable => custom.GetValueOrDefault(f.FlatId),
            _ => 0L,
        })).ToList();
    }

    /// <summary>Why <see cref="Shares"/> (or splitting the whole cost the same way) would refuse these flats, as a DomainException code; null when it would not.</summary>
    public string? SharingRefusal(IEnumerable<FlatForSharing> flatsInScope)
    {
        var flats = flatsInScope.ToList();
        if (Method == CostSharingMethod.Voluntary) return null;
        if (flats.Count == 0) return "funding.no_flats";
        var weights = Weights(flats);
        return Allocation.Refusal(ResidentsShareFen, weights) ?? Allocation.Refusal(TotalCostFen, weights);
    }

    /// <summary>
    /// What the campaign collects from the households that pay: the residents' share plus the low-floor compensation
    /// paid out of it (the sum of the positive shares); the residents' share itself when pledges are voluntary.
    /// </summary>
    public long ToCollectFen(IEnumerable<FlatForSharing> flatsInScope) =>
        Method == CostSharingMethod.Voluntary ? ResidentsShareFen : Shares(flatsInScope).Values.Where(v => v > 0).Sum();

    /// <summary>
    /// Each flat's share of the residents' share, in fen; adds up exactly to <see cref="ResidentsShareFen"/> (zero for
    /// voluntary). A negative share is compensation paid to the flat.
    /// </summary>
    public IReadOnlyDictionary<long, long> Shares(IEnumerable<FlatForSharing> flatsInScope)
    {
        var flats = flatsInScope.ToList();
        if (Method == CostSharingMethod.Voluntary)
            return flats.ToDictionary(f => f.FlatId, _ => 0L);
        if (flats.Count == 0)
            throw new DomainException("funding.no_flats", "There are no flats in scope to share the cost.");
        return Allocation.Split(ResidentsShareFen, Weights(flats));
    }
}
