using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.City;
using Portal.Domain.Residents;
using Portal.Ops;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.City;

/// <summary>The Tangshan 2021 programme seeded once; its totals through the page, the API and the ops command.</summary>
public sealed class CityDashboardTests(CityDashboardTests.SeededCity seeded) : IClassFixture<CityDashboardTests.SeededCity>
{
    public sealed class SeededCity : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new();

        public async ValueTask InitializeAsync()
        {
            var outcome = await Factory.WithDb(db => SeedCityCommand.SeedAsync(db, CityProgrammeProfile.Tangshan2021, replace: false));
            Assert.Equal(SeedCityCommand.SeedOutcome.Added, outcome);
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private PortalFactory Factory => seeded.Factory;

    private async Task<HttpClient> OfficerAsync(string? district = null)
    {
        var email = $"officer-{Guid.NewGuid():N}@example.com";
        var user = await Factory.CreateUserAsync(email);
        await Factory.MakeCityOfficerAsync(user.Id, "唐山市", district);
        return await Factory.SignedInClientAsync(email);
    }

    private static void AssertSeedTotals(JsonElement s)
    {
        Assert.Equal(221, s.GetProperty("compounds").GetInt32());
        Assert.Equal(204, s.GetProperty("completed").GetInt32());
        Assert.Equal(17, s.GetProperty("inProgress").GetInt32());
        Assert.Equal(0, s.GetProperty("planned").GetInt32());
        Assert.Equal(1_540, s.GetProperty("buildings").GetInt32());
        Assert.Equal(57_600, s.GetProperty("households").GetInt32());
        Assert.Equal(447_080_000, s.GetProperty("floorAreaCents").GetInt64());
        Assert.Equal(93_600_000_000, s.GetProperty("plannedInvestmentFen").GetInt64());
        var p = s.GetProperty("provincialTasks");
        Assert.Equal(184, p.GetProperty("compounds").GetInt32());
        Assert.Equal(184, p.GetProperty("completed").GetInt32());
        Assert.Equal(1_276, p.GetProperty("buildings").GetInt32());
        Assert.Equal(50_000, p.GetProperty("households").GetInt32());
        Assert.Equal(390_910_000, p.GetProperty("floorAreaCents").GetInt64());
        var f = s.GetProperty("fundsSecuredFen");
        Assert.Equal(12_143_000_000, f.GetProperty("CentralSubsidy").GetInt64());
        Assert.Equal(10_075_000_000, f.GetProperty("CentralBudgetInvestment").GetInt64());
        Assert.Equal(1_564_000_000, f.GetProperty("ProvincialAward").GetInt64());
        Assert.Equal(1_490_000_000, f.GetProperty("Residents").GetInt64());
        Assert.Equal(11_945_000_000, f.GetProperty("SocialCapital").GetInt64());
        Assert.Equal(0, f.GetProperty("MaintenanceFund").GetInt64());
        Assert.Equal(14, s.GetProperty("districts").GetArrayLength());
    }

    [Fact]
    public async Task The_api_gives_a_city_officer_the_published_totals()
    {
        var client = await OfficerAsync();
        var response = await client.GetAsync("/api/city/summary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSeedTotals(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task The_ops_command_prints_the_same_summary_as_json()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await OpsCommandLine.RunAsync(Factory.Services, ["city-summary", "--city", "唐山市", "--json"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        AssertSeedTotals(JsonDocument.Parse(stdout.ToString()).RootElement);
    }

    [Fact]
    public async Task The_dashboard_shows_the_published_totals()
    {
        var client = await OfficerAsync();
        var page = await client.GetDocumentAsync("/city");
        Assert.Equal("221", page.QuerySelector("#total-compounds")!.TextContent.Trim());
        Assert.Equal("204", page.QuerySelector("#total-completed")!.TextContent.Trim());
        Assert.Equal("17", page.QuerySelector("#total-in-progress")!.TextContent.Trim());
        Assert.Equal("1,540", page.QuerySelector("#total-buildings")!.TextContent.Trim());
        Assert.Equal("57,600", page.QuerySelector("#total-households")!.TextContent.Trim());
        Assert.Equal("4,470,800.00", page.QuerySelector("#total-floor-area")!.TextContent.Trim());
        Assert.Equal("¥936,000,000.00", page.QuerySelector("#total-planned-investment")!.TextContent.Trim());
        Assert.Equal("184", page.QuerySelector("#provincial-compounds")!.TextContent.Trim());
        Assert.Equal("1,276", page.QuerySelector("#provincial-buildings")!.TextContent.Trim());
        Assert.Equal("50,000", page.QuerySelector("#provincial-households")!.TextContent.Trim());
        Assert.Equal("3,909,100.00", page.QuerySelector("#provincial-floor-area")!.TextContent.Trim());
        Assert.Equal("¥121,430,000.00", page.QuerySelector("#funds-CentralSubsidy")!.TextContent.Trim());
        Assert.Equal("¥100,750,000.00", page.QuerySelector("#funds-CentralBudgetInvestment")!.TextContent.Trim());
        Assert.Equal("¥15,640,000.00", page.QuerySelector("#funds-ProvincialAward")!.TextContent.Trim());
        Assert.Equal("¥14,900,000.00", page.QuerySelector("#funds-Residents")!.TextContent.Trim());
        Assert.Equal("¥119,450,000.00", page.QuerySelector("#funds-SocialCapital")!.TextContent.Trim());
        Assert.Equal(221, page.QuerySelectorAll("#city-compounds tbody tr").Length);
        Assert.NotNull(page.QuerySelector("script[src='/lib/chartjs/chart.umd.min.js']"));
    }

    [Fact]
    public async Task A_district_officer_sees_only_their_district()
    {
        var all = await Factory.Scoped(sp => sp.GetRequiredService<Portal.Features.City.CitySummaryQuery>().SummaryAsync(new("唐山市", null, null, null), default));
        var lubei = all.Districts.Single(d => d.District == "路北区");

        var client = await OfficerAsync("路北区");
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/city/summary?district=路南区")).RootElement;
        Assert.Equal("路北区", json.GetProperty("district").GetString());
        Assert.Equal(lubei.Compounds, json.GetProperty("compounds").GetInt32());
        Assert.Equal(lubei.Households, json.GetProperty("households").GetInt32());

        var page = await client.GetDocumentAsync("/city");
        Assert.Equal(lubei.Compounds, page.QuerySelectorAll("#city-compounds tbody tr").Length);
        Assert.All(page.QuerySelectorAll("#city-compounds tbody tr td:nth-child(2)"), td => Assert.Equal("路北区", td.TextContent.Trim()));
    }

    [Fact]
    public async Task Filters_by_district_and_year_narrow_the_totals()
    {
        var client = await OfficerAsync();
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/city/summary?district=" + Uri.EscapeDataString("迁安市") + "&year=2021")).RootElement;
        var districts = json.GetProperty("districts");
        Assert.Equal(1, districts.GetArrayLength());
        Assert.Equal("迁安市", districts[0].GetProperty("district").GetString());
        Assert.Equal(0, JsonDocument.Parse(await client.GetStringAsync("/api/city/summary?year=2022")).RootElement.GetProperty("compounds").GetInt32());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_residents_403_as_json()
    {
        var anonymous = await Factory.NewClient().GetAsync("/api/city/summary");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/json", anonymous.Content.Headers.ContentType?.MediaType);

        var email = $"plain-{Guid.NewGuid():N}@example.com";
        await Factory.CreateUserAsync(email);
        var plain = await Factory.SignedInClientAsync(email);
        var forbidden = await plain.GetAsync("/api/city/summary");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/json", forbidden.Content.Headers.ContentType?.MediaType);
        var page = await plain.GetAsync("/city");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/access-denied", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_admin_sees_the_city_too()
    {
        await Factory.CreateUserAsync("city-admin@example.com", admin: true);
        var admin = await Factory.SignedInClientAsync("city-admin@example.com");
        AssertSeedTotals(JsonDocument.Parse(await admin.GetStringAsync("/api/city/summary?city=" + Uri.EscapeDataString("唐山市"))).RootElement);
    }

    [Fact]
    public async Task Csv_and_excel_exports_list_every_compound()
    {
        var client = await OfficerAsync();
        var csv = await client.GetAsync("/city?handler=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(222, lines.Length);
        Assert.Equal(57_600, lines.Skip(1).Sum(l => int.Parse(l.Split(',')[7])));

        var xlsx = await client.GetAsync("/city?handler=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(221, rows.Count);
    }

    [Fact]
    public async Task Seeding_twice_reports_the_programme_already_there()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await OpsCommandLine.RunAsync(Factory.Services, ["seed-city", "--profile", "tangshan-2021"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("already present", stdout.ToString());
        var count = await Factory.WithDb(db => Task.FromResult(db.Set<CompoundProgramme>().Count()));
        Assert.Equal(221, count);
    }

    [Fact]
    public async Task An_unknown_profile_is_a_usage_error()
    {
        var stderr = new StringWriter();
        var code = await OpsCommandLine.RunAsync(Factory.Services, ["seed-city", "--profile", "atlantis"], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("unknown profile 'atlantis'", stderr.ToString());
    }
}
