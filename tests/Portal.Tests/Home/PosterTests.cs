using System.Net;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Home;

/// <summary>Issue 17: a per-building A4 poster with a QR code to the compound home, for building leads and the committee.</summary>
public sealed class PosterTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_building_lead_prints_a_poster_with_the_qr_code_the_help_desk_and_the_offline_way()
    {
        var c = await Factory.CreateCompoundAsync("PST" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant());
        var building = c.Building("2");
        var (_, lead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, building.Id);

        var home = await lead.GetDocumentAsync($"/c/{c.Code}");
        Assert.NotNull(home.QuerySelector("#menu-poster"));
        var list = await lead.GetDocumentAsync($"/c/{c.Code}/poster");
        Assert.Equal(2, list.QuerySelectorAll("#poster-buildings a").Length);
        Assert.Contains("2号楼", list.QuerySelector("#poster-buildings")!.TextContent);

        var poster = await lead.GetDocumentAsync($"/c/{c.Code}/poster?building={building.Id}");
        var sheet = poster.QuerySelector("#poster-sheet")!;
        Assert.Contains(c.Compound.Name, sheet.QuerySelector("#poster-compound")!.TextContent);
        Assert.Contains("2号楼", sheet.QuerySelector("#poster-compound")!.TextContent);
        Assert.StartsWith("data:image/png;base64,", sheet.QuerySelector("#poster-qr")!.GetAttribute("src"));
        Assert.EndsWith($"/c/{c.Code}", sheet.QuerySelector("#poster-address")!.TextContent.Trim());
        Assert.Contains("楼门长", sheet.QuerySelector("#poster-offline")!.TextContent);
        Assert.Contains("本平台不会索要银行卡密码或短信验证码", sheet.QuerySelector("#poster-anti-fraud")!.TextContent);
        Assert.NotEmpty(sheet.QuerySelectorAll(".printed-help li"));
        Assert.NotNull(sheet.QuerySelector(".printed-issuer"));
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", sheet.QuerySelector(".printed-date")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/c/{c.Code}/poster?building=999999999")).StatusCode);
        var (_, resident) = await Factory.ResidentAsync(c, c.Flat("1-1-101"));
        Assert.NotEqual(HttpStatusCode.OK, (await resident.GetAsync($"/c/{c.Code}/poster")).StatusCode);
        Assert.Null((await resident.GetDocumentAsync($"/c/{c.Code}")).QuerySelector("#menu-poster"));
    }
}
