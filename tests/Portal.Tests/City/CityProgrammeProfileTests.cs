using Portal.Domain.City;
using Portal.Domain.Funding;

namespace Portal.Tests.City;

public sealed class CityProgrammeProfileTests
{
    [Fact]
    public void Largest_remainder_shares_sum_exactly_to_the_total()
    {
        var shares = Apportion.ByWeight(100, [1, 1, 1]);
        Assert.Equal([34L, 33L, 33L], shares);
        Assert.Equal(93_600_000_000, Apportion.ByWeight(93_600_000_000, [7, 13, 29, 31, 1]).Sum());
    }

    [Fact]
    public void Tangshan_2021_generates_the_published_totals_exactly()
    {
        var p = CityProgrammeProfile.Tangshan2021;
        var all = p.Generate();
        Assert.Equal(221, all.Count);
        Assert.Equal(1_540, all.Sum(c => c.Buildings));
        Assert.Equal(57_600, all.Sum(c => c.Households));
        Assert.Equal(447_080_000, all.Sum(c => c.FloorAreaCents));
        Assert.Equal(93_600_000_000, all.Sum(c => c.PlannedInvestmentFen));

        var provincial = all.Where(c => c.Level == TaskLevel.Provincial).ToList();
        Assert.Equal(184, provincial.Count);
        Assert.Equal(1_276, provincial.Sum(c => c.Buildings));
        Assert.Equal(50_000, provincial.Sum(c => c.Households));
        Assert.Equal(390_910_000, provincial.Sum(c => c.FloorAreaCents));
        Assert.All(provincial, c => Assert.Equal(ProgrammeStatus.Completed, c.Status));

        Assert.Equal(204, all.Count(c => c.Status == ProgrammeStatus.Completed));
        Assert.Equal(17, all.Count(c => c.Status == ProgrammeStatus.InProgress));
        Assert.Equal(12_143_000_000, all.Sum(c => c.Funds[FundingSource.CentralSubsidy]));
        Assert.Equal(10_075_000_000, all.Sum(c => c.Funds[FundingSource.CentralBudgetInvestment]));
        Assert.Equal(1_564_000_000, all.Sum(c => c.Funds[FundingSource.ProvincialAward]));
        Assert.Equal(1_490_000_000, all.Sum(c => c.Funds[FundingSource.Residents]));
        Assert.Equal(11_945_000_000, all.Sum(c => c.Funds[FundingSource.SocialCapital]));

        Assert.All(all, c => Assert.True(c.Buildings >= 1 && c.Households >= c.Buildings && c.FloorAreaCents > 0));
        Assert.Equal(14, all.Select(c => c.District).Distinct().Count());
        Assert.Equal(221, all.Select(c => c.Name).Distinct().Count());
        Assert.Equal(221, all.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void The_same_profile_generates_the_same_compounds_every_time()
    {
        var a = CityProgrammeProfile.Tangshan2021.Generate();
        var b = CityProgrammeProfile.Tangshan2021.Generate();
        Assert.Equal(a.Select(c => (c.Code, c.Name, c.District, c.Buildings, c.FloorAreaCents)), b.Select(c => (c.Code, c.Name, c.District, c.Buildings, c.FloorAreaCents)));
    }

    [Fact]
    public void A_programme_only_moves_forward()
    {
        var p = new CompoundProgramme(1, 2021, TaskLevel.City, 3, 90, 500_000, 1_000_000);
        p.MoveTo(ProgrammeStatus.InProgress);
        var ex = Assert.Throws<Portal.Domain.Shared.DomainException>(() => p.MoveTo(ProgrammeStatus.Planned));
        Assert.Equal("programme.illegal_transition", ex.Code);
    }
}
