using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Notifications;
using Portal.Features.Funding;
using Portal.Pages.Funding;
using Portal.Payments;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

public sealed class StripePaymentTests : IAsyncLifetime
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

    private async Task<Pledge> PledgeAsync(FundingScenario s, string flat, PledgeMethod method)
    {
        var f = s.Compound.Flat(flat);
        var (userId, _) = await _factory.ResidentAsync(s.Compound, f);
        return await _factory.Scoped(async sp =>
        {
            var desk = sp.GetRequiredService<PledgeToCampaign>();
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == s.CampaignId);
            var holder = new PledgeHolder(f.OwnerOfRecordId, userId);
            return await desk.PledgeAsync(campaign, holder, await desk.AllocatedAsync(holder, s.PlanItemId), method);
        });
    }

    /// <summary>Pledge by card: Checkout in setup mode, then the signed checkout.session.completed webhook saves the card.</summary>
    private async Task<Pledge> CardPledgeAsync(FundingScenario s, string flat, HttpClient webhook)
    {
        var pledge = await PledgeAsync(s, flat, PledgeMethod.Card);
        var sessionId = await _factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var tracked = await db.Set<Pledge>().SingleAsync(p => p.Id == pledge.Id);
            await sp.GetRequiredService<CardCheckout>().StartCardSetupAsync(tracked, "r@example.com", "I agree to be charged", "http://x/ok", "http://x/cancel");
            return tracked.StripeCheckoutSessionId!;
        });
        var customer = await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.StripeCustomerId).SingleAsync());
        var response = await StripeStandIn.PostAsync(webhook, StripeStandIn.SignedEvent($"evt_setup_{pledge.Id}", "checkout.session.completed",
            StripeStandIn.SetupSession(sessionId, pledge.Id, customer!, $"seti_{pledge.Id}")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await _factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == pledge.Id));
    }

    [Fact]
    public async Task Card_setup_opens_checkout_in_setup_mode_and_the_signed_webhook_saves_the_card_once()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR1");
        var webhook = _factory.NewClient();
        var pledge = await CardPledgeAsync(s, "1-1-601", webhook);

        Assert.Equal(PledgeStatus.CardSaved, pledge.Status);
        Assert.Equal(1_000_000, pledge.AmountFen);
        Assert.Equal($"pm_{pledge.Id}", pledge.StripePaymentMethodId);
        Assert.Equal("I agree to be charged", pledge.ConsentText);
        var customer = Assert.Single(_stripe.Calls("POST", "/v1/customers"));
        Assert.Equal($"pledge-{pledge.Id}-customer", customer.Headers["Idempotency-Key"]);
        var session = StripeStandIn.Form(Assert.Single(_stripe.Calls("POST", "/v1/checkout/sessions")));
        Assert.Equal("setup", session["mode"]);
        Assert.Equal("cny", session["currency"]);
        Assert.Equal(pledge.StripeCustomerId, session["customer"]);
        Assert.Equal(pledge.Id.ToString(), session["metadata[pledge_id]"]);
        Assert.Equal(pledge.Id.ToString(), session["setup_intent_data[metadata][pledge_id]"]);
        Assert.Single(_stripe.Calls("GET", "/v1/setup_intents/"));

        // The same event again: acknowledged, nothing acted on.
        var customerId = pledge.StripeCustomerId!;
        var replay = await StripeStandIn.PostAsync(webhook, StripeStandIn.SignedEvent($"evt_setup_{pledge.Id}", "checkout.session.completed",
            StripeStandIn.SetupSession("cs_other", pledge.Id, customerId, "seti_other")));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Single(_stripe.Calls("GET", "/v1/setup_intents/"));
        Assert.Equal(1, await _factory.WithDb(db => db.Set<ProcessedStripeEvent>().CountAsync()));
    }

    [Fact]
    public async Task A_forged_or_stale_webhook_gets_400_and_changes_nothing()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR2");
        var pledge = await PledgeAsync(s, "1-1-501", PledgeMethod.Card);
        var webhook = _factory.NewClient();
        var body = StripeStandIn.SetupSession("cs_x", pledge.Id, "cus_x", "seti_x");

        var forged = await StripeStandIn.PostAsync(webhook, StripeStandIn.SignedEvent("evt_forged", "checkout.session.completed", body, secret: "whsec_wrong"));
        var stale = await StripeStandIn.PostAsync(webhook, StripeStandIn.SignedEvent("evt_stale", "checkout.session.completed", body, at: DateTimeOffset.UtcNow.AddHours(-1)));
        var (payload, signature) = StripeStandIn.SignedEvent("evt_tampered", "checkout.session.completed", body);
        var tampered = await StripeStandIn.PostAsync(webhook, (payload.Replace("cus_x", "cus_y"), signature));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(0, await _factory.WithDb(db => db.Set<ProcessedStripeEvent>().CountAsync()));
        Assert.Equal(PledgeStatus.Pledged, await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.Status).SingleAsync()));
        Assert.Empty(_stripe.Calls("GET", "/v1/setup_intents/"));
    }

    [Fact]
    public async Task A_successful_campaign_charges_each_saved_card_once_even_when_the_job_runs_twice()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR3");
        var webhook = _factory.NewClient();
        var top = await CardPledgeAsync(s, "1-1-601", webhook);
        var fifth = await CardPledgeAsync(s, "1-1-501", webhook);
        var declined = await CardPledgeAsync(s, "1-1-401", webhook);
        var offline = await PledgeAsync(s, "1-1-301", PledgeMethod.Offline);
        _stripe.DecliningCards.Add(declined.StripePaymentMethodId!);

        // The campaign succeeds (enqueues the job), and the job is also run twice by hand: three runs, racing.
        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().SucceedAsync(s.CampaignId));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _factory.WithDb(db => db.Set<Pledge>().AllAsync(p => p.Status != PledgeStatus.CardSaved)), "every saved card to be charged");

        Assert.Equal(2, _stripe.Charges.Count);
        Assert.Contains(_stripe.Charges, c => c.PaymentMethod == top.StripePaymentMethodId && c.Amount == 1_000_000 && c.Key == $"pledge-{top.Id}-charge");
        Assert.Contains(_stripe.Charges, c => c.PaymentMethod == fifth.StripePaymentMethodId && c.Amount == 900_000 && c.Key == $"pledge-{fifth.Id}-charge");
        foreach (var call in _stripe.Calls("POST", "/v1/payment_intents"))
        {
            var form = StripeStandIn.Form(call);
            Assert.Equal("true", form["off_session"]);
            Assert.Equal("true", form["confirm"]);
            Assert.Equal("cny", form["currency"]);
            Assert.StartsWith("cus_", form["customer"]);
            Assert.Matches(@"^pledge-\d+-charge$", call.Headers["Idempotency-Key"]);
            Assert.Equal($"pledge-{form["metadata[pledge_id]"]}-charge", call.Headers["Idempotency-Key"]);
        }

        var pledges = await _factory.WithDb(db => db.Set<Pledge>().ToDictionaryAsync(p => p.Id));
        Assert.Equal(PledgeStatus.Paid, pledges[top.Id].Status);
        Assert.Equal(PledgeStatus.Paid, pledges[fifth.Id].Status);
        Assert.Equal(PledgeStatus.ActionNeeded, pledges[declined.Id].Status);
        Assert.Equal("insufficient_funds", pledges[declined.Id].FailureReason);
        Assert.Equal(PledgeStatus.Pledged, pledges[offline.Id].Status);
        var failed = await _factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.PledgeFailed).ToListAsync());
        Assert.Equal(declined.UserId, Assert.Single(Assert.Single(failed).Audience.UserIds!));

        // A payment_intent.succeeded webhook for an already paid pledge changes nothing.
        var intent = pledges[top.Id].StripePaymentIntentId!;
        await StripeStandIn.PostAsync(webhook, StripeStandIn.SignedEvent("evt_pi_top", "payment_intent.succeeded", StripeStandIn.SucceededIntent(intent, top.Id, 1_000_000)));
        var ledger = await _factory.WithDb(db => db.Set<LedgerEntry>().Where(e => e.PlanItemId == s.PlanItemId).ToListAsync());
        Assert.Equal(1_900_000, ledger.Sum(e => e.BalanceEffectFen));
        Assert.Equal(2, ledger.Count);

        // The declined household pays offline within the grace period.
        await _factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var p = await db.Set<Pledge>().SingleAsync(x => x.Id == declined.Id);
            await sp.GetRequiredService<RecordOfflinePayment>().RecordAsync(p, 800_000, new DateOnly(2026, 6, 1), "BANK-001", null, "treasurer");
        });
        Assert.Equal(PledgeStatus.Paid, await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == declined.Id).Select(p => p.Status).SingleAsync()));
        Assert.Equal(2_700_000, await _factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));
    }

    [Fact]
    public async Task A_succeeded_campaign_whose_charge_job_was_lost_is_charged_by_the_sweeper_once()
    {
        var lost = await FundingScenario.CreateAsync(_factory, "STR7", goal: 1_000_000);
        var open = await FundingScenario.CreateAsync(_factory, "STR8", goal: 5_000_000);
        var webhook = _factory.NewClient();
        var carded = await CardPledgeAsync(lost, "1-1-601", webhook);
        var waiting = await CardPledgeAsync(open, "1-1-601", webhook);

        // The campaign's success is saved, but the process dies before the charge job is enqueued.
        await _factory.WithDb(async db =>
        {
            var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == lost.CampaignId);
            campaign.Succeed(1_000_000, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        Assert.Empty(_stripe.Calls("POST", "/v1/payment_intents"));

        // The recurring sweep runs (twice, as two servers might): the saved card is charged once; the open campaign is left alone.
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeSucceededCampaignsAsync(CancellationToken.None));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeSucceededCampaignsAsync(CancellationToken.None));

        var charge = Assert.Single(_stripe.Charges);
        Assert.Equal($"pledge-{carded.Id}-charge", charge.Key);
        Assert.Equal(1_000_000, charge.Amount);
        var pledges = await _factory.WithDb(db => db.Set<Pledge>().ToDictionaryAsync(p => p.Id));
        Assert.Equal(PledgeStatus.Paid, pledges[carded.Id].Status);
        Assert.Equal(PledgeStatus.CardSaved, pledges[waiting.Id].Status);
        Assert.Equal(1_000_000, await _factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(lost.PlanItemId)));
        Assert.Equal(0, await _factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(open.PlanItemId)));
    }

    [Fact]
    public async Task A_failed_campaign_charges_nothing_and_releases_saved_cards()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR4");
        var webhook = _factory.NewClient();
        var carded = await CardPledgeAsync(s, "1-1-601", webhook);
        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().FailAsync(s.CampaignId));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ReleaseAsync(s.CampaignId, CancellationToken.None));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _stripe.Calls("POST", "/v1/payment_methods/").Any(), "the released card to be detached at Stripe");

        Assert.Empty(_stripe.Calls("POST", "/v1/payment_intents"));
        var detach = _stripe.Calls("POST", $"/v1/payment_methods/{carded.StripePaymentMethodId}/detach").First();
        Assert.Equal($"pledge-{carded.Id}-release", detach.Headers["Idempotency-Key"]);
        Assert.Equal(PledgeStatus.Released, await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == carded.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Cancelling_the_project_after_charging_refunds_through_stripe_once()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR5", goal: 1_000_000);
        var webhook = _factory.NewClient();
        var carded = await CardPledgeAsync(s, "1-1-601", webhook);
        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().SucceedAsync(s.CampaignId));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _factory.WithDb(db => db.Set<Pledge>().AnyAsync(p => p.Id == carded.Id && p.Status == PledgeStatus.Paid)), "the card pledge to be paid");

        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().CancelAsync(s.CampaignId, cancelProject: true));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().RefundAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _factory.WithDb(db => db.Set<Pledge>().AnyAsync(p => p.Id == carded.Id && p.Status == PledgeStatus.Refunded)), "the paid pledge to be refunded");

        var refunds = _stripe.Calls("POST", "/v1/refunds").ToList();
        Assert.All(refunds, r => Assert.Equal($"pledge-{carded.Id}-refund", r.Headers["Idempotency-Key"]));
        var intent = await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == carded.Id).Select(p => p.StripePaymentIntentId).SingleAsync());
        Assert.Equal(intent, StripeStandIn.Form(refunds[0])["payment_intent"]);
        Assert.Equal(0, await _factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));
    }

    [Fact]
    public async Task A_pledge_unpaid_after_the_grace_period_is_dropped_and_the_committee_told()
    {
        var s = await FundingScenario.CreateAsync(_factory, "STR6", goal: 1_000_000);
        var webhook = _factory.NewClient();
        var declined = await CardPledgeAsync(s, "1-1-601", webhook);
        _stripe.DecliningCards.Add(declined.StripePaymentMethodId!);
        await _factory.Scoped(sp => sp.GetRequiredService<CampaignClosing>().SucceedAsync(s.CampaignId));
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(s.CampaignId, CancellationToken.None));
        await Eventually.Until(() => _factory.WithDb(db => db.Set<Pledge>().AnyAsync(p => p.Id == declined.Id && p.Status == PledgeStatus.ActionNeeded)), "the declined pledge to need the resident's action");

        _factory.Clock.Now = DateTimeOffset.UtcNow.AddDays(6);
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().DropOverdueAsync(CancellationToken.None));
        Assert.Equal(PledgeStatus.ActionNeeded, await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == declined.Id).Select(p => p.Status).SingleAsync()));

        _factory.Clock.Now = DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1);
        await _factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().DropOverdueAsync(CancellationToken.None));
        Assert.Equal(PledgeStatus.Dropped, await _factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == declined.Id).Select(p => p.Status).SingleAsync()));
        var told = await _factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.PledgeFailed).ToListAsync());
        Assert.Contains(told, e => e.Audience.Kind == AudienceKind.Role);
    }
}
