using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Features.Funding;
using Portal.Payments;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>Refunds to a card and the saved card of a changed pledge, against the Stripe stand-in.</summary>
public sealed class CardRefundTests : IAsyncLifetime
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

    private async Task<(Pledge Pledge, PledgeHolder Holder)> CardPledgeAsync(FundingScenario s, string flat)
    {
        var f = s.Compound.Flat(flat);
        var (userId, _) = await _factory.ResidentAsync(s.Compound, f);
        var holder = new PledgeHolder(f.OwnerOfRecordId, userId);
        var pledge = await _factory.Scoped(async sp =>
        {
            var desk = sp.GetRequiredService<PledgeToCampaign>();
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == s.CampaignId);
            return await desk.PledgeAsync(campaign, holder, await desk.AllocatedAsync(holder, s.PlanItemId), PledgeMethod.Card);
        });
        var sessionId = await _factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var tracked = await db.Set<Pledge>().SingleAsync(p => p.Id == pledge.Id);
            await sp.GetRequiredService<CardCheckout>().StartCardSetupAsync(tracked, "r@example.com", "I agree to be charged", "http://x/ok", "http://x/cancel");
            return tracked.StripeCheckoutSessionId!;
        });
        var customer = await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.StripeCustomerId).SingleAsync());
        var response = await StripeStandIn.PostAsync(_factory.NewClient(), StripeStandIn.SignedEvent($"evt_setup_{pledge.Id}", "checkout.session.completed",
            StripeStandIn.SetupSession(sessionId, pledge.Id, customer!, $"seti_{pledge.Id}")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await _factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == pledge.Id)), holder);
    }

    [Fact]
    public async Task Changing_the_amount_of_a_card_pledge_detaches_the_saved_card_at_stripe()
    {
        var s = await FundingScenario.CreateAsync(_factory, "CRF1");
        var (carded, holder) = await CardPledgeAsync(s, "1-1-601");
        Assert.Equal(PledgeStatus.CardSaved, carded.Status);
        var card = carded.StripePaymentMethodId!;

        await _factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == s.CampaignId);
            await sp.GetRequiredService<PledgeToCampaign>().PledgeAsync(campaign, holder, 1_200_000, PledgeMethod.Card);
        });

        var detach = Assert.Single(_stripe.Calls("POST", $"/v1/payment_methods/{card}/detach"));
        Assert.Equal($"pledge-{carded.Id}-detach-{card}", detach.Headers["Idempotency-Key"]);
        var changed = await _factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == carded.Id));
        Assert.Equal(PledgeStatus.Pledged, changed.Status);
        Assert.Null(changed.StripePaymentMethodId);
        Assert.Equal(1_200_000, changed.AmountFen);
        Assert.Equal(carded.TransferReference, changed.TransferReference);
    }

    [Fact]
    public async Task A_charged_card_is_refunded_whole_to_the_card_when_the_treasurer_records_a_card_refund()
    {
        var s = await FundingScenario.CreateAsync(_factory, "CRF2", goal: 1_000_000);
        var (carded, _) = await CardPledgeAsync(s, "1-1-601");
        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().SucceedAsync(s.CampaignId));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _factory.WithDb(db => db.Set<Pledge>().AnyAsync(p => p.Id == carded.Id && p.Status == PledgeStatus.Paid)), "the card pledge to be paid");
        // The committee stops the project without the automatic refund run; the treasurer records the refund.
        await _factory.WithDb(async db =>
        {
            var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == s.CampaignId);
            campaign.Cancel(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });

        var refund = _factory.Scoped(sp => sp.GetRequiredService<RecordRefund>()
            .RecordAsync(s.Compound.Id, carded.Id, 999_999, RefundChannel.Card, new DateOnly(2026, 12, 3), "", "treasurer"));
        Assert.Equal("refund.card_whole_only", (await Assert.ThrowsAsync<Portal.Domain.Shared.DomainException>(() => refund)).Code);
        Assert.Empty(_stripe.Calls("POST", "/v1/refunds"));

        await _factory.Scoped(sp => sp.GetRequiredService<RecordRefund>()
            .RecordAsync(s.Compound.Id, carded.Id, 1_000_000, RefundChannel.Card, new DateOnly(2026, 12, 3), "", "treasurer"));
        var call = Assert.Single(_stripe.Calls("POST", "/v1/refunds"));
        Assert.Equal($"pledge-{carded.Id}-refund", call.Headers["Idempotency-Key"]);
        var after = await _factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == carded.Id));
        Assert.Equal(PledgeStatus.Refunded, after.Status);
        Assert.Equal(1_000_000, after.RefundedFen);
        Assert.Equal(0, await _factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));
        Assert.Equal(RefundChannel.Card, await _factory.WithDb(db => db.Set<PledgeRefund>().Where(r => r.PledgeId == carded.Id).Select(r => r.Channel).SingleAsync()));
    }
}
