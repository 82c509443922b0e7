using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.City;
using Portal.Ops;
using Portal.Features.City;
using Portal.Pages.City;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.City;

/// <summary>The city's GROUP BY queries on PostgreSQL give the same exact totals.</summary>
public sealed class CityPostgresTests
{
    [Fact]
    public async Task Seeded_totals_are_exact_on_postgres_too()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new PortalFactory().OnPostgres(database.ConnectionString);
        await factory.WithDb(db => SeedCityCommand.SeedAsync(db, CityProgrammeProfile.Tangshan2021, replace: false));
        Assert.Equal(SeedCityCommand.SeedOutcome.Replaced,
            await factory.WithDb(db => SeedCityCommand.SeedAsync(db, CityProgrammeProfile.Tangshan2021, replace: true)));

        var summary = await factory.Scoped(sp => sp.GetRequiredService<CitySummaryQuery>().SummaryAsync(new("唐山市", null, null, 2021), default));
        Assert.Equal(221, summary.Compounds);
        Assert.Equal(204, summary.Completed);
        Assert.Equal(1_540, summary.Buildings);
        Assert.Equal(57_600, summary.Households);
        Assert.Equal(447_080_000, summary.FloorAreaCents);
        Assert.Equal(93_600_000_000, summary.PlannedInvestmentFen);
        Assert.Equal(184, summary.ProvincialTasks.Compounds);
        Assert.Equal(11_945_000_000, summary.FundsSecuredFen["SocialCapital"]);
        var rows = await factory.Scoped(sp => sp.GetRequiredService<CitySummaryQuery>().RowsAsync(new("唐山市", null, null, null), default));
        Assert.Equal(221, rows.Count);
        Assert.Equal(summary.FundsSecuredTotalFen, rows.Sum(r => r.FundsSecuredFen));
    }
}
