using System.Net;
using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

/// <summary>The favicon, icons and web app manifest, so the portal can go on a phone's home screen and no page asks for a missing icon.</summary>
public sealed class WebAppManifestTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_names_a_favicon_and_a_manifest_whose_icons_are_served()
    {
        var client = fixture.Factory.NewClient();
        var page = await client.GetDocumentAsync("/account/login");
        Assert.Equal("/manifest.webmanifest", page.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        var icons = page.QuerySelectorAll("link[rel=icon], link[rel=apple-touch-icon]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Contains("/favicon.ico", icons);

        var favicon = await client.GetAsync("/favicon.ico", Ct);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal("image/x-icon", favicon.Content.Headers.ContentType!.MediaType);

        var manifest = await client.GetAsync("/manifest.webmanifest", Ct);
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync(Ct));
        Assert.Equal("小区居民议事平台", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("/", json.RootElement.GetProperty("start_url").GetString());
        var sources = json.RootElement.GetProperty("icons").EnumerateArray().Select(i => (Src: i.GetProperty("src").GetString()!, Sizes: i.GetProperty("sizes").GetString()!)).ToList();
        Assert.Contains(sources, i => i.Sizes == "192x192");
        Assert.Contains(sources, i => i.Sizes == "512x512");
        foreach (var src in sources.Select(i => i.Src).Concat(icons).Distinct())
        {
            var icon = await client.GetAsync(src, Ct);
            Assert.True(icon.StatusCode == HttpStatusCode.OK, $"{src} answered {(int)icon.StatusCode}");
            Assert.StartsWith("image/", icon.Content.Headers.ContentType!.MediaType);
        }
    }
}
