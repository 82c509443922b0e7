using System.Net;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notices;

/// <summary>A notice's link shared into a WeChat group shows a card: Open Graph title, description and image.</summary>
public sealed class ShareCardTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    [Fact]
    public async Task A_notice_page_carries_its_title_the_start_of_its_text_and_the_portal_icon_as_open_graph_tags()
    {
        var factory = fixture.Factory;
        var compound = await factory.CreateCompoundAsync("OG" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1);
        var (_, manager) = await factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var post = await manager.SubmitFormAsync($"/c/{compound.Code}/notices/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "停水通知",
            ["Input.Body"] = "因管网改造，**2026年12月3日8:00至12:00**全小区停水，请提前储水。",
            ["Input.Category"] = "Outage",
            ["Input.Reach"] = "Compound",
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        var page = await manager.GetDocumentAsync(post.Headers.Location!.OriginalString);
        string Meta(string property) => page.QuerySelector($"meta[property='{property}']")!.GetAttribute("content")!;
        Assert.Equal("停水通知", Meta("og:title"));
        Assert.Equal("因管网改造，2026年12月3日8:00至12:00全小区停水，请提前储水。", Meta("og:description"));
        Assert.Matches(@"^https?://[^/]+/icons/icon-512\.png$", Meta("og:image"));
        Assert.EndsWith(post.Headers.Location!.OriginalString, Meta("og:url"));
        Assert.Equal("小区居民议事平台", Meta("og:site_name"));

        var login = await factory.NewClient().GetDocumentAsync("/account/login");
        Assert.Equal("老旧小区改造居民参与平台：通知、表决、议题和出资，在手机上办理。",
            login.QuerySelector("meta[property='og:description']")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("请看[方案](https://example.com/a.pdf)和 **说明**。", "请看方案和 说明。")]
    [InlineData("# 标题\n\n第一段\n第二段", "标题 第一段 第二段")]
    [InlineData("   ", null)]
    public void A_share_card_excerpt_drops_markup(string markdown, string? expected) =>
        Assert.Equal(expected, ShareCard.Excerpt(markdown));

    [Fact]
    public void A_long_text_is_cut_for_the_card_with_an_ellipsis() =>
        Assert.Equal(new string('字', ShareCard.ExcerptLength) + "…", ShareCard.Excerpt(new string('字', 200)));
}
