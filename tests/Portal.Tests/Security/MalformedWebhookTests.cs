using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Funding;
using Portal.Payments;
using Portal.Tests.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>A correctly signed but malformed Stripe body answers 400 (Stripe retries a 5xx for days) and changes nothing.</summary>
public sealed class MalformedWebhookTests : IAsyncLifetime
{
    private StripeStandIn _stripe = null!;
    private FundingFactory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _stripe = await StripeStandIn.StartAsync();
        _factory = new FundingFactory();
        _stripe.Configure(_factory);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    private static (string, string) Signed(string payload)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(StripeStandIn.WebhookSecret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return (payload, $"t={t},v1={Convert.ToHexStringLower(mac)}");
    }

    public static TheoryData<string> Bodies => new()
    {
        "{}",
        "[]",
        "null",
        "\"text\"",
        "{\"id\":\"evt_trunc\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{",
        "{\"id\":null,\"object\":\"event\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_notype\",\"object\":\"event\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_nodata\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}",
        "{\"id\":\"evt_datanull\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":null}",
        "{\"id\":[1,2],\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}",
        "not json at all",
        "",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_signed_but_malformed_body_gets_400_and_changes_nothing(string body)
    {
        var s = await FundingScenario.CreateAsync(_factory, "MWH" + Math.Abs(body.GetHashCode() % 10000));
        var webhook = _factory.NewClient();

        var response = await StripeStandIn.PostAsync(webhook, Signed(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed_event", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _factory.WithDb(db => db.Set<ProcessedStripeEvent>().CountAsync()));
        Assert.Equal(0, await _factory.WithDb(db => db.Set<Pledge>().CountAsync(p => p.Status != PledgeStatus.Pledged)));
        Assert.NotNull(s);
    }
}
