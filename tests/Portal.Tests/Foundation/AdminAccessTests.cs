using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

public sealed class AdminAccessTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;

    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin")]
    public async Task Anonymous_visitors_are_sent_to_log_in(string url)
    {
        var response = await _factory.NewClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin")]
    public async Task Residents_are_refused(string url)
    {
        var email = $"resident-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(email);
        var client = await _factory.SignedInClientAsync(email);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/admin/jobs", "Hangfire")]
    [InlineData("/admin/outbox", "outbox")]
    public async Task Platform_admins_get_in(string url, string marker)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(email, admin: true);
        var client = await _factory.SignedInClientAsync(email);
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.BodyAsync()}");
        Assert.Contains(marker, await response.BodyAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
