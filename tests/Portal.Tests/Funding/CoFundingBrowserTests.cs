using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Features.Funding;
using Portal.Pages.Funding;
using Portal.Payments;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>
/// The "done when", in Chromium: an elevator vote passes (the votes feature calls CampaignOpening), owners see
/// floor-coefficient quotes, pledge by card (Checkout on the Stripe stand-in, then a signed webhook) and offline, the
/// campaign succeeds, the charge job runs twice and charges each card once, the declined household is notified and
/// pays offline, and the ledger balances to the fen; a replayed and a forged webhook change nothing.
/// </summary>
public sealed class CoFundingBrowserTests
{
    [Fact]
    public async Task Elevator_campaign_from_quotes_to_a_ledger_that_balances_to_the_fen()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new FundingFactory();
        stripe.Configure(factory);
        var address = factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = address };

        var s = await FundingScenario.CreateAsync(factory, "BRWF", openCampaign: false);
        var campaignId = await factory.Scoped(async sp => (await sp.GetRequiredService<CampaignOpening>().OpenForPassedVoteAsync(s.PlanItemId, voteId: 7)).Id);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";

        async Task<IPage> SignedInAsync(string email)
        {
            var page = await browser.NewPageAsync(address);
            await page.GotoAsync("/account/login");
            await page.GetByLabel("电子邮箱").FillAsync(email);
            await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("/account/login"));
            return page;
        }

        async Task<string> OwnerAsync(string flat)
        {
            var email = $"owner-{flat}@example.com";
            var user = await factory.CreateUserAsync(email);
            await factory.LinkAsync(user.Id, s.Compound, s.Compound.Flat(flat));
            return email;
        }

        Task<Pledge> PledgeOfAsync(string flat) => factory.WithDb(db =>
            db.Set<Pledge>().SingleAsync(p => p.OwnerOfRecordId == s.Compound.Flat(flat).OwnerOfRecordId));

        // Card owners: quote, pledge, Checkout on the stand-in, then Stripe's signed webhook.
        var quotes = new Dictionary<string, string> { ["1-1-601"] = "¥10,000.00", ["1-1-501"] = "¥9,000.00", ["1-1-401"] = "¥8,000.00", ["1-1-301"] = "¥7,000.00" };
        var pages = new Dictionary<string, IPage>();
        foreach (var flat in new[] { "1-1-601", "1-1-501", "1-1-401" })
        {
            var page = pages[flat] = await SignedInAsync(await OwnerAsync(flat));
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("#quote-share")).ToHaveTextAsync(quotes[flat]);
            await page.Locator("#method-card").CheckAsync();
            await page.Locator("#consent").CheckAsync();
            await page.Locator("#pledge-submit").ClickAsync();
            await page.WaitForURLAsync(u => u.StartsWith(stripe.Server.Address.ToString(), StringComparison.Ordinal));
            var pledge = await PledgeOfAsync(flat);
            Assert.Contains(quotes[flat], pledge.ConsentText);
            var completed = await StripeStandIn.PostAsync(http, StripeStandIn.SignedEvent($"evt_cs_{pledge.Id}", "checkout.session.completed",
                StripeStandIn.SetupSession(pledge.StripeCheckoutSessionId!, pledge.Id, pledge.StripeCustomerId!, $"seti_{pledge.Id}")));
            Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator("#my-pledge-status")).ToHaveTextAsync("已绑卡");
        }

        // A replayed event (same id, other content) and a forged one (wrong secret) change nothing.
        var top = await PledgeOfAsync("1-1-601");
        var replay = await StripeStandIn.PostAsync(http, StripeStandIn.SignedEvent($"evt_cs_{top.Id}", "checkout.session.completed",
            StripeStandIn.SetupSession("cs_replayed", top.Id, top.StripeCustomerId!, "seti_replayed")));
        var offlinePage = pages["1-1-301"] = await SignedInAsync(await OwnerAsync("1-1-301"));
        await offlinePage.GotoAsync(url);
        await Assertions.Expect(offlinePage.Locator("#quote-share")).ToHaveTextAsync("¥7,000.00");
        await offlinePage.Locator("#method-offline").CheckAsync();
        await offlinePage.Locator("#pledge-submit").ClickAsync();
        await Assertions.Expect(offlinePage.Locator("#my-pledge-status")).ToHaveTextAsync("已认缴");
        var third = await PledgeOfAsync("1-1-301");
        var forged = await StripeStandIn.PostAsync(http, StripeStandIn.SignedEvent("evt_forged", "checkout.session.completed",
            StripeStandIn.SetupSession("cs_forged", third.Id, "cus_forged", "seti_forged"), secret: "whsec_attacker"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal($"pm_{top.Id}", (await PledgeOfAsync("1-1-601")).StripePaymentMethodId);
        Assert.Equal(PledgeStatus.Pledged, (await PledgeOfAsync("1-1-301")).Status);
        Assert.Equal(3, await factory.WithDb(db => db.Set<ProcessedStripeEvent>().CountAsync()));
        Assert.Equal(3, stripe.Calls("GET", "/v1/setup_intents/").Count());

        // The committee: the goal (¥34,000) is met; success; the charge job runs (enqueued) and twice more by hand.
        var declined = await PledgeOfAsync("1-1-401");
        stripe.DecliningCards.Add(declined.StripePaymentMethodId!);
        var treasurerUser = await factory.CreateUserAsync("treasurer@example.com");
        await factory.GrantAsync(treasurerUser.Id, s.Compound, CompoundRoleKind.Committee);
        var chairUser = await factory.CreateUserAsync("chair@example.com");
        await factory.GrantAsync(chairUser.Id, s.Compound, CompoundRoleKind.Committee);
        var treasurer = await SignedInAsync("treasurer@example.com");
        await treasurer.GotoAsync(url);
        await Assertions.Expect(treasurer.Locator("#campaign-progress")).ToContainTextAsync("¥34,000.00");
        await treasurer.Locator("#campaign-succeed").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#campaign-status")).ToHaveTextAsync("筹资成功");
        await factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(campaignId, CancellationToken.None));
        await factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync(campaignId, CancellationToken.None));
        await Eventually.Until(() => factory.WithDb(db => db.Set<Pledge>().AllAsync(p => p.Status != PledgeStatus.CardSaved)), "every saved card to be charged");

        Assert.Equal(2, stripe.Charges.Count);
        Assert.Equal(2, stripe.Charges.Select(c => c.Key).Distinct().Count());
        var fifth = await PledgeOfAsync("1-1-501");
        Assert.Contains(stripe.Charges, c => c.Key == $"pledge-{top.Id}-charge" && c.Amount == 1_000_000);
        Assert.Contains(stripe.Charges, c => c.Key == $"pledge-{fifth.Id}-charge" && c.Amount == 900_000);
        Assert.All(stripe.Calls("POST", "/v1/payment_intents"), r => Assert.Equal("true", StripeStandIn.Form(r)["off_session"]));

        // The declined household is told (notification and page) and pays offline; so does the offline household.
        Assert.True(await factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.PledgeFailed)));
        await pages["1-1-401"].GotoAsync(url);
        await Assertions.Expect(pages["1-1-401"].Locator("#action-needed")).ToBeVisibleAsync();
        foreach (var (pledge, amount, reference) in new[] { (declined, "8000", "CASH-401"), (third, "7000", "BANK-301") })
        {
            await treasurer.GotoAsync(url);
            await treasurer.Locator("#payment-pledge").SelectOptionAsync(pledge.Id.ToString());
            await treasurer.Locator("#payment-amount").FillAsync(amount);
            await treasurer.Locator("#payment-reference").FillAsync(reference);
            await treasurer.Locator("#record-payment").ClickAsync();
            await Assertions.Expect(treasurer.Locator($"#pledge-{pledge.Id} .status")).ToHaveTextAsync("已缴清");
        }
        await pages["1-1-301"].GotoAsync($"/c/{s.Compound.Code}/funding/mine");
        await Assertions.Expect(pages["1-1-301"].Locator($"#mine-{third.Id} .receipts")).ToContainTextAsync("BANK-301");

        // The ledger: the subsidy arrives, the contractor is paid, approved by the other member; the balance is ¥0.00.
        var ledger = $"{url}/ledger";
        await treasurer.GotoAsync(ledger);
        await Assertions.Expect(treasurer.Locator("#ledger-balance")).ToHaveTextAsync("¥34,000.00");
        await treasurer.Locator("#income-amount").FillAsync("26000");
        await treasurer.Locator("#income-description").FillAsync("2026 central subsidy");
        await treasurer.Locator("#record-income").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#ledger-balance")).ToHaveTextAsync("¥60,000.00");
        await treasurer.Locator("#expense-amount").FillAsync("60000");
        await treasurer.Locator("#expense-payee").FillAsync("Elevator Co.");
        await treasurer.Locator("#enter-expense").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#ledger-expenses tbody tr .btn-success")).ToHaveCountAsync(0);
        var chair = await SignedInAsync("chair@example.com");
        await chair.GotoAsync(ledger);
        await chair.Locator("#ledger-expenses tbody tr .btn-success").ClickAsync();
        await Assertions.Expect(chair.Locator("#ledger-balance")).ToHaveTextAsync("¥0.00");
        await Assertions.Expect(chair.Locator("#ledger-in")).ToHaveTextAsync("¥60,000.00");
        await Assertions.Expect(chair.Locator("#ledger-out")).ToHaveTextAsync("¥60,000.00");
        Assert.Equal(0, await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));

        foreach (var p in pages.Values.Append(treasurer).Append(chair)) await p.Context.CloseAsync();
    }
}
