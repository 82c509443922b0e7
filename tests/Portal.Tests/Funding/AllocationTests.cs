using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Tests.Funding;

public sealed class AllocationTests
{
    /// <summary>A random register: flats with floors 1–12, areas 30–150 m², a few owners; and a random cost split.</summary>
    public static Gen<(List<FlatForSharing> Flats, long Total, long Subsidy)> Registers() =>
        from count in Gen.Choose(1, 60)
        from floors in Gen.ArrayOf(Gen.Choose(1, 12), count)
        from areas in Gen.ArrayOf(Gen.Choose(3_000, 15_000), count)
        from entrances in Gen.ArrayOf(Gen.Choose(1, 3), count)
        from total in Gen.Choose(0, 50_000_000)
        from subsidyPercent in Gen.Choose(0, 100)
        select (Enumerable.Range(0, count)
                    .Select(i => new FlatForSharing(1000 + i * 7, 1 + i / 2, 1, entrances[i], floors[i], areas[i]))
                    .ToList(),
                (long)total, (long)total * subsidyPercent / 100);

    private static CostSharingScheme SchemeOf(CostSharingMethod method, long total, long subsidy)
    {
        var scheme = new CostSharingScheme(1, 1, total, method, DateTimeOffset.UnixEpoch);
        scheme.SetCosts(total, new Dictionary<FundingSource, long> { [FundingSource.CentralSubsidy] = subsidy });
        return scheme;
    }

    [Property(MaxTest = 300)]
    public Property Every_method_shares_the_residents_share_exactly_and_never_negatively() =>
        Prop.ForAll(Registers().ToArbitrary(), Gen.Elements(CostSharingMethod.EqualPerFlat, CostSharingMethod.ByArea, CostSharingMethod.FloorCoefficient).ToArbitrary(),
            (register, method) =>
            {
                var (flats, total, subsidy) = register;
                if (method == CostSharingMethod.FloorCoefficient && flats.All(f => f.Floor <= 2)) flats[0] = flats[0] with { Floor = 3 };
                var scheme = SchemeOf(method, total, subsidy);
                var shares = scheme.Shares(flats);
                return shares.Values.Sum() == scheme.ResidentsShareFen && shares.Values.All(s => s >= 0) && shares.Count == flats.Count;
            });

    [Property(MaxTest = 300)]
    public Property Floors_with_a_zero_coefficient_pay_nothing() =>
        Prop.ForAll(Registers().ToArbitrary(), register =>
        {
            var (flats, total, subsidy) = register;
            flats[0] = flats[0] with { Floor = 9 };
            var scheme = SchemeOf(CostSharingMethod.FloorCoefficient, total, subsidy);
            var shares = scheme.Shares(flats);
            return flats.Where(f => f.Floor <= 2).All(f => shares[f.FlatId] == 0);
        });

    [Property(MaxTest = 300)]
    public Property Flats_with_equal_inputs_get_shares_at_most_one_fen_apart() =>
        Prop.ForAll(Registers().ToArbitrary(), register =>
        {
            var (flats, total, subsidy) = register;
            // Make every flat alike: same floor and area; equal weights → shares differ by at most 1 fen.
            var alike = flats.Select(f => f with { Floor = 6, ExclusiveAreaCents = 7_550 }).ToList();
            foreach (var method in new[] { CostSharingMethod.EqualPerFlat, CostSharingMethod.ByArea, CostSharingMethod.FloorCoefficient })
            {
                var shares = SchemeOf(method, total, subsidy).Shares(alike).Values.ToList();
                if (shares.Max() - shares.Min() > 1) return false;
            }
            return true;
        });

    [Property(MaxTest = 300)]
    public Property Split_is_exact_for_any_non_negative_weights() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 1_000_000)).Where(w => w.Any(x => x > 0)).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (weights, amount) =>
            {
                var shares = Allocation.Split(amount, weights.Select((w, i) => ((long)i, (long)w)));
                return shares.Values.Sum() == amount && weights.Select((w, i) => w > 0 || shares[i] == 0).All(x => x);
            });

    [Property(MaxTest = 500)]
    public Property Split_is_exact_with_negative_weights_and_keeps_each_sign() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000)).Where(w => w.Sum(x => (long)x) > 0).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (weights, amount) =>
            {
                var shares = Allocation.Split(amount, weights.Select((w, i) => ((long)i, (long)w)));
                return shares.Values.Sum() == amount
                       && weights.Select((w, i) => w switch { 0 => shares[i] == 0, < 0 => shares[i] <= 0, _ => shares[i] >= 0 }).All(x => x);
            });

    [Property(MaxTest = 300)]
    public Property Weights_that_do_not_add_up_to_more_than_zero_are_refused() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000)).Where(w => w.Length > 0 && w.Sum(x => (long)x) <= 0).ToArbitrary(), Gen.Choose(1, int.MaxValue).ToArbitrary(),
            (weights, amount) =>
            {
                var parties = weights.Select((w, i) => ((long)i, (long)w)).ToList();
                var refusal = Allocation.Refusal(amount, parties);
                var thrown = Assert.Throws<DomainException>(() => Allocation.Split(amount, parties));
                return refusal is "funding.weights_not_positive" or "funding.nothing_to_share_by" && thrown.Code == refusal;
            });

    [Property(MaxTest = 300)]
    public Property Low_floor_compensation_is_paid_out_of_the_upper_floors_shares_to_the_fen() =>
        Prop.ForAll(Registers().ToArbitrary(), Gen.Choose(1, 300).ToArbitrary(), (register, compensation) =>
        {
            var (flats, total, subsidy) = register;
            flats[0] = flats[0] with { Floor = 9 };
            var scheme = SchemeOf(CostSharingMethod.FloorCoefficient, total, subsidy);
            scheme.SetCoefficient(null, null, 1, -compensation);
            scheme.SetCoefficient(null, null, 2, -compensation / 2);
            if (scheme.SharingRefusal(flats) is { } refused)
                return refused == "funding.weights_not_positive" && Assert.Throws<DomainException>(() => scheme.Shares(flats)).Code == refused;
            var shares = scheme.Shares(flats);
            // Shares and compensation sum to the residents' share; subsidies plus the residents' share are the total.
            return shares.Values.Sum() == scheme.ResidentsShareFen
                   && shares.Values.Sum() + scheme.OutsideFundingFen == total
                   && flats.Where(f => f.Floor <= 2).All(f => shares[f.FlatId] <= 0)
                   && flats.Where(f => f.Floor > 2).All(f => shares[f.FlatId] >= 0);
        });

    [Fact]
    public void An_elevator_scheme_compensates_the_first_and_second_floors()
    {
        // Floors 1–6, 50.00 m² each; residents pay ¥60,000 over weights -0.2, -0.1, .7, .8, .9, 1.0 (sum 3.1).
        var flats = Enumerable.Range(1, 6).Select(f => new FlatForSharing(f, f, 1, 1, f, 5_000)).ToList();
        var scheme = SchemeOf(CostSharingMethod.FloorCoefficient, 10_000_000, 4_000_000);
        scheme.SetCoefficient(null, null, 1, -200);
        scheme.SetCoefficient(null, null, 2, -100);
        var shares = scheme.Shares(flats);
        Assert.Equal([-387_097L, -193_548, 1_354_839, 1_548_387, 1_741_935, 1_935_484], flats.Select(f => shares[f.FlatId]));
        Assert.Equal(6_000_000, shares.Values.Sum());
    }

    [Fact]
    public void A_negative_coefficient_reads_and_formats_with_its_sign()
    {
        Assert.True(FloorCoefficients.TryParse("-0.2", out var th));
        Assert.Equal(-200, th);
        Assert.Equal("-0.2", FloorCoefficients.Format(th));
        Assert.False(FloorCoefficients.TryParse("-101", out _));
    }

    [Fact]
    public void Remainder_goes_to_the_lowest_flat_id_when_remainders_tie()
    {
        var shares = Allocation.Split(100, [(30, 1), (10, 1), (20, 1)]);
        Assert.Equal(34, shares[10]);
        Assert.Equal(33, shares[20]);
        Assert.Equal(33, shares[30]);
    }

    [Fact]
    public void Default_floor_table_follows_the_published_elevator_scheme()
    {
        int[] expected = [0, 0, 700, 800, 900, 1000, 1100, 1200, 1300];
        Assert.Equal(expected, Enumerable.Range(1, 9).Select(FloorCoefficients.Default));
    }

    [Fact]
    public void Floor_coefficient_times_area_splits_an_elevator_by_the_table()
    {
        // One entrance, floors 1–6, 50.00 m² each; ¥100,000 cost, ¥40,000 subsidy → residents ¥60,000 over weights 0,0,.7,.8,.9,1.0 (sum 3.4).
        var flats = Enumerable.Range(1, 6).Select(f => new FlatForSharing(f, f, 1, 1, f, 5_000)).ToList();
        var scheme = SchemeOf(CostSharingMethod.FloorCoefficient, 10_000_000, 4_000_000);
        var shares = scheme.Shares(flats);
        Assert.Equal(6_000_000, scheme.ResidentsShareFen);
        Assert.Equal([0L, 0, 1_235_294, 1_411_765, 1_588_235, 1_764_706], flats.Select(f => shares[f.FlatId]));
        Assert.Equal(6_000_000, shares.Values.Sum());
    }

    [Fact]
    public void An_entrance_coefficient_overrides_the_building_and_the_default()
    {
        var scheme = SchemeOf(CostSharingMethod.FloorCoefficient, 1000, 0);
        scheme.SetCoefficient(5, null, 2, 100);
        scheme.SetCoefficient(5, 9, 2, 250);
        Assert.Equal(250, scheme.CoefficientFor(5, 9, 2));
        Assert.Equal(100, scheme.CoefficientFor(5, 8, 2));
        Assert.Equal(0, scheme.CoefficientFor(6, 8, 2));
    }

    [Fact]
    public void Sources_cannot_exceed_the_total_so_the_residents_share_is_never_negative()
    {
        var scheme = new CostSharingScheme(1, 1, 1000, CostSharingMethod.EqualPerFlat, DateTimeOffset.UnixEpoch);
        var ex = Assert.Throws<DomainException>(() => scheme.SetCosts(1000, new Dictionary<FundingSource, long>
        {
            [FundingSource.CentralSubsidy] = 600,
            [FundingSource.CitySubsidy] = 401,
        }));
        Assert.Equal("funding.sources_exceed_total", ex.Code);
        Assert.Equal(1000, scheme.ResidentsShareFen);
    }

    [Fact]
    public void The_maintenance_fund_is_never_a_lump_sum_that_shrinks_every_share_pro_rata()
    {
        var scheme = new CostSharingScheme(1, 1, 1000, CostSharingMethod.EqualPerFlat, DateTimeOffset.UnixEpoch);
        var ex = Assert.Throws<DomainException>(() => scheme.SetCosts(1000, new Dictionary<FundingSource, long>
        {
            [FundingSource.CentralSubsidy] = 100,
            [FundingSource.MaintenanceFund] = 300,
        }));
        Assert.Equal("funding.fund_is_per_flat", ex.Code);
        Assert.Equal(1000, scheme.ResidentsShareFen);
        Assert.Empty(scheme.Sources);
    }

    [Fact]
    public void Voluntary_items_allocate_nothing()
    {
        var scheme = SchemeOf(CostSharingMethod.Voluntary, 5000, 0);
        var shares = scheme.Shares([new FlatForSharing(1, 1, 1, 1, 3, 5000)]);
        Assert.Equal(0, shares[1]);
    }
}
