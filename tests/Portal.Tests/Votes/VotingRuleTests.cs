using Portal.Domain.Votes;

namespace Portal.Tests.Votes;

/// <summary>The counting rules of domain.md, boundary by boundary, in exact integer arithmetic.</summary>
public sealed class VotingRuleTests
{
    private static Weight W(long owners, long areaCents) => new(owners, areaCents);

    // Worked example: 6 owners × 50.00 m²; 4 vote (3 agree, 1 oppose).
    private static readonly Weight SixOwners = W(6, 30_000);

    [Fact]
    public void Worked_example_meets_the_quorum_at_exactly_two_thirds()
    {
        Assert.True(new CivilCodeMajor().QuorumMet(SixOwners, W(4, 20_000)));
        Assert.True(new CivilCodeOrdinary().QuorumMet(SixOwners, W(4, 20_000)));
    }

    [Fact]
    public void Major_matter_passes_at_exactly_three_quarters()
    {
        Assert.True(new CivilCodeMajor().Passes(SixOwners, W(4, 20_000), W(3, 15_000)));
    }

    [Fact]
    public void Ordinary_matter_fails_at_exactly_half()
    {
        Assert.False(new CivilCodeOrdinary().Passes(SixOwners, W(4, 20_000), W(2, 10_000)));
    }

    [Fact]
    public void Ordinary_matter_passes_just_above_half()
    {
        Assert.True(new CivilCodeOrdinary().Passes(SixOwners, W(4, 20_000), W(3, 10_001)));
    }

    [Theory]
    // eligible owners, area | participated owners, area | quorum met
    [InlineData(6, 30_000, 4, 20_000, true)]    // exactly 2/3 of both
    [InlineData(6, 30_000, 3, 20_000, false)]   // heads 1/2 < 2/3
    [InlineData(6, 30_000, 4, 19_999, false)]   // area one hundredth short of 2/3
    [InlineData(3, 10_000, 2, 6_667, true)]     // 3·6667 = 20001 ≥ 20000
    [InlineData(3, 10_000, 2, 6_666, false)]    // 3·6666 = 19998 < 20000
    [InlineData(6, 30_000, 6, 30_000, true)]
    [InlineData(6, 30_000, 0, 0, false)]
    public void Quorum_needs_two_thirds_of_area_and_of_headcount_inclusive(long eo, long ea, long po, long pa, bool met)
    {
        Assert.Equal(met, new CivilCodeOrdinary().QuorumMet(W(eo, ea), W(po, pa)));
        Assert.Equal(met, new CivilCodeMajor().QuorumMet(W(eo, ea), W(po, pa)));
    }

    [Theory]
    // participated owners, area | agree owners, area | passes major
    [InlineData(4, 20_000, 3, 15_000, true)]    // exactly 3/4 of both
    [InlineData(4, 20_000, 3, 14_999, false)]   // area one hundredth short
    [InlineData(4, 20_000, 2, 19_000, false)]   // area well above, heads 1/2
    [InlineData(8, 20_000, 6, 15_000, true)]
    [InlineData(8, 20_000, 5, 18_000, false)]   // 4·5 = 20 < 24
    [InlineData(4, 20_000, 4, 20_000, true)]
    public void Major_matter_needs_three_quarters_of_participating_area_and_headcount(long po, long pa, long ao, long aa, bool passes)
    {
        var eligible = W(po, pa); // everyone eligible took part: quorum met
        Assert.Equal(passes, new CivilCodeMajor().Passes(eligible, W(po, pa), W(ao, aa)));
    }

    [Theory]
    [InlineData(4, 20_000, 2, 10_000, false)]   // exactly half of both
    [InlineData(4, 20_000, 3, 10_000, false)]   // heads above, area exactly half
    [InlineData(4, 20_000, 2, 10_001, false)]   // area above, heads exactly half
    [InlineData(4, 20_000, 3, 10_001, true)]
    [InlineData(5, 25_000, 3, 12_501, true)]
    [InlineData(1, 5_000, 1, 5_000, true)]
    public void Ordinary_matter_needs_more_than_half_of_participating_area_and_headcount(long po, long pa, long ao, long aa, bool passes)
    {
        Assert.Equal(passes, new CivilCodeOrdinary().Passes(W(po, pa), W(po, pa), W(ao, aa)));
    }

    [Fact]
    public void Nothing_passes_without_participants()
    {
        foreach (IVotingRule rule in new IVotingRule[] { new CivilCodeMajor(), new CivilCodeOrdinary(), new SimpleMajority(),
                     new CustomRule(new Fraction(0, 1, true), new Fraction(0, 1, true), new Fraction(0, 1, true), new Fraction(0, 1, true)) })
            Assert.False(rule.Passes(SixOwners, Weight.Zero, Weight.Zero), rule.Kind.ToString());
    }

    [Fact]
    public void Simple_majority_has_no_quorum_and_counts_headcount_only()
    {
        var rule = new SimpleMajority();
        Assert.True(rule.Passes(W(100, 500_000), W(3, 15_000), W(2, 100)));   // 3 of 100 took part, 2 of 3 agree
        Assert.False(rule.Passes(W(100, 500_000), W(4, 20_000), W(2, 19_000))); // exactly half of heads fails
    }

    [Fact]
    public void Custom_rule_honours_inclusive_and_exclusive_lines()
    {
        var atLeastHalf = new CustomRule(new Fraction(1, 2, true), new Fraction(1, 2, true), new Fraction(1, 2, true), new Fraction(1, 2, true));
        var moreThanHalf = new CustomRule(new Fraction(1, 2, false), new Fraction(1, 2, false), new Fraction(1, 2, false), new Fraction(1, 2, false));
        var eligible = W(4, 20_000);
        Assert.True(atLeastHalf.Passes(eligible, W(2, 10_000), W(1, 5_000)));
        Assert.False(moreThanHalf.Passes(eligible, W(2, 10_000), W(1, 5_000)));
        Assert.False(moreThanHalf.QuorumMet(eligible, W(2, 10_000)));
        Assert.True(moreThanHalf.Passes(eligible, W(3, 10_001), W(2, 5_001)));
    }

    [Fact]
    public void Fractions_are_exact_for_large_registers()
    {
        // 4.47 million m² in hundredths, 57,600 owners: no overflow, no rounding.
        var eligible = W(57_600, 447_000_000);
        Assert.True(new CivilCodeOrdinary().QuorumMet(eligible, W(38_400, 298_000_000)));
        Assert.False(new CivilCodeOrdinary().QuorumMet(eligible, W(38_400, 297_999_999)));
        Assert.False(new CivilCodeOrdinary().QuorumMet(eligible, W(38_399, 298_000_000)));
    }

    [Fact]
    public void Invalid_fraction_is_refused()
    {
        Assert.Throws<Portal.Domain.Shared.DomainException>(() => Fraction.Create(3, 2, true));
        Assert.Throws<Portal.Domain.Shared.DomainException>(() => Fraction.Create(1, 0, true));
    }

    private static MatterCounts Counts(Weight eligible, params ((Choice, long?) Key, Weight W)[] rows) =>
        new(eligible, rows.ToDictionary(r => r.Key, r => r.W));

    [Fact]
    public void Named_options_report_the_option_leading_on_area_and_headcount()
    {
        var spec = new MatterSpec(1, "充电桩位置", new CivilCodeOrdinary(), [10, 11, 12]);
        var result = Tally.Decide(spec, Counts(W(6, 30_000),
            ((Choice.Option, 10), W(3, 15_000)), ((Choice.Option, 11), W(1, 5_000)), ((Choice.Option, 12), W(1, 5_000))));
        Assert.Equal(10, result.LeadingOptionId);
        Assert.False(result.OptionsTied);
        Assert.True(result.QuorumMet);
        Assert.True(result.Passed); // 3 of 5 heads and 150 of 250 m²: more than half
    }

    [Fact]
    public void Named_options_with_equal_votes_are_a_tie()
    {
        var spec = new MatterSpec(1, "充电桩位置", new SimpleMajority(), [10, 11]);
        var result = Tally.Decide(spec, Counts(W(4, 20_000), ((Choice.Option, 10), W(2, 10_000)), ((Choice.Option, 11), W(2, 10_000))));
        Assert.Null(result.LeadingOptionId);
        Assert.True(result.OptionsTied);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Named_options_leading_differently_on_area_and_headcount_are_a_tie()
    {
        var spec = new MatterSpec(1, "充电桩位置", new SimpleMajority(), [10, 11]);
        var result = Tally.Decide(spec, Counts(W(5, 30_000), ((Choice.Option, 10), W(3, 9_000)), ((Choice.Option, 11), W(2, 21_000))));
        Assert.Null(result.LeadingOptionId);
        Assert.True(result.OptionsTied);
    }

    [Fact]
    public void Owner_with_several_flats_counts_once_with_the_sum_of_their_area()
    {
        var members = Electorate.Members([
            new RegisterFlat(1, 100, 1, 1, 5_000), new RegisterFlat(2, 100, 1, 2, 7_250), new RegisterFlat(3, 200, 1, 1, 6_000)]);
        Assert.Equal(2, members.Count);
        Assert.Equal(12_250, members.Single(m => m.OwnerOfRecordId == 100).AreaCents);
    }
}
