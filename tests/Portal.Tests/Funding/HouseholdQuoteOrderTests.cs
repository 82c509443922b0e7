using System.Globalization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>Issue 17: the quote reads like a bill, the total cost first, then what others pay, then the household's part.</summary>
public sealed class HouseholdQuoteOrderTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_quote_shows_the_cost_then_the_subsidies_then_what_the_household_pays_and_they_add_up()
    {
        var s = await FundingScenario.CreateAsync(Factory, "HQO" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant());
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-601"));
        var page = await owner.GetDocumentAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}");
        var html = page.QuerySelector("#household-quote")!.InnerHtml;

        var cost = html.IndexOf("id=\"quote-cost\"", StringComparison.Ordinal);
        var covered = html.IndexOf("id=\"quote-covered\"", StringComparison.Ordinal);
        var share = html.IndexOf("id=\"quote-share\"", StringComparison.Ordinal);
        Assert.True(cost >= 0 && cost < covered && covered < share, html);
        Assert.Contains("本户房屋分担的改造费用：", page.QuerySelector("#quote-cost-line")!.TextContent);
        Assert.Contains("其中由补贴及其他资金承担：", page.QuerySelector("#quote-covered-line")!.TextContent);

        static decimal Yuan(string text) => decimal.Parse(text.Trim().TrimStart('¥'), NumberStyles.Number, CultureInfo.InvariantCulture);
        var costYuan = Yuan(page.QuerySelector("#quote-cost")!.TextContent);
        var coveredYuan = Yuan(page.QuerySelector("#quote-covered")!.TextContent);
        var shareYuan = Yuan(page.QuerySelector("#quote-share")!.TextContent);
        Assert.Equal(10_000m, shareYuan);
        Assert.True(coveredYuan > 0);
        Assert.Equal(costYuan - coveredYuan, shareYuan);
    }
}
