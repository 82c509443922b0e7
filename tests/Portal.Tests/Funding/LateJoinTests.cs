using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>
/// Late joiners (后加入): after the scenario's campaign succeeded on the pledge of 601 (goal ¥10,000), a household that
/// did not pledge joins under the scheme's rule and pays offline; once the committee closes late joining, neither a
/// new late joiner nor a late-join payment is taken.
/// </summary>
public sealed class LateJoinTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    static LateJoinTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string NewCode(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..5]}".ToUpperInvariant();

    /// <summary>601 pledges offline and pays; the campaign (goal ¥10,000) succeeds.</summary>
    private Task<(FundingScenario S, HttpClient Committee)> SucceededAsync(string code) => SucceededAsync(Factory, code);

    private static async Task<(FundingScenario S, HttpClient Committee)> SucceededAsync(PortalFactory factory, string code)
    {
        var s = await FundingScenario.CreateAsync(factory, NewCode(code), goal: 1_000_000);
        var (_, owner) = await factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-601"));
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form")).StatusCode);
        var (_, committee) = await factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*=Succeed]")).StatusCode);
        var pledge = await factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId));
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Payment.PledgeId"] = pledge.Id.ToString(), ["Payment.AmountYuan"] = "10000", ["Payment.Reference"] = "BANK-601",
        }, "#payment-form")).StatusCode);
        return (s, committee);
    }

    private static Task<HttpResponseMessage> SetRuleAsync(HttpClient committee, FundingScenario s, string rule, string percent = "", string fixedYuan = "") =>
        committee.SubmitFormAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing",
            new Dictionary<string, string> { ["LateJoin.Rule"] = rule, ["LateJoin.UpliftPercent"] = percent, ["LateJoin.FixedYuan"] = fixedYuan }, "#late-join-form");

    private Task<long> BalanceAsync(FundingScenario s) => Factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId));

    [Fact]
    public void The_late_join_amount_is_the_own_part_plus_the_uplift_rounded_half_up_or_the_fixed_amount()
    {
        var scheme = new CostSharingScheme(1, 1, 100_000, CostSharingMethod.FloorCoefficient, DateTimeOffset.UnixEpoch);
        Assert.Null(scheme.LateJoinAmountFen(900_000));
        scheme.SetLateJoin(LateJoinRule.ShareWithUplift, 15, 0);
        Assert.Equal(1_035_000, scheme.LateJoinAmountFen(900_000));
        Assert.Equal(116, scheme.LateJoinAmountFen(101)); // 101 + 15.15
        Assert.Equal(12, scheme.LateJoinAmountFen(10));   // 10 + 1.5, half up
        Assert.Null(scheme.LateJoinAmountFen(-200_000)); // a compensated flat has nothing to join
        scheme.SetLateJoin(LateJoinRule.FixedAmount, 0, 500_000);
        Assert.Equal(500_000, scheme.LateJoinAmountFen(900_000));
        Assert.Equal("late_join.fixed_not_positive", Assert.Throws<DomainException>(() => scheme.SetLateJoin(LateJoinRule.FixedAmount, 0, 0)).Code);
        Assert.Equal("late_join.uplift_out_of_range", Assert.Throws<DomainException>(() => scheme.SetLateJoin(LateJoinRule.ShareWithUplift, 1001, 0)).Code);
        scheme.SetLateJoin(LateJoinRule.Closed, 0, 0);
        Assert.Null(scheme.LateJoinAmountFen(900_000));
    }

    [Fact]
    public async Task A_household_that_did_not_pledge_joins_late_at_its_part_plus_the_uplift_and_its_payment_is_credited_to_the_ledger()
    {
        var (s, committee) = await SucceededAsync("LJ1");
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-501"));

        // Closed by default: the household is told, and nothing is offered.
        var closed = await owner.GetDocumentAsync(url);
        Assert.NotNull(closed.QuerySelector("#late-join-closed"));
        Assert.Null(closed.QuerySelector("#late-join"));

        var bad = await SetRuleAsync(committee, s, "ShareWithUplift", percent: "十");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("加价比例须为0到1000之间的整数。", await bad.BodyAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(committee, s, "ShareWithUplift", percent: "10")).StatusCode);

        // 501's part is ¥9,000.00; joining late adds 10%.
        var offer = await owner.GetDocumentAsync(url);
        Assert.Equal("¥9,900.00", offer.QuerySelector("#late-join-amount")!.TextContent.Trim());
        Assert.Contains("¥9,000.00", offer.QuerySelector("#late-join-rule")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(offer, new Dictionary<string, string>(), "form[action*=JoinLate]")).StatusCode);
        // A second post (a double click) joins nothing more.
        var twice = await owner.SubmitFormAsync(offer, new Dictionary<string, string>(), "form[action*=JoinLate]");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("本户已经出资承诺，无需后加入。", await twice.BodyAsync());

        var ownerId = s.Compound.Flat("1-1-501").OwnerOfRecordId;
        var late = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId && p.OwnerOfRecordId == ownerId));
        Assert.True(late.IsLateJoin);
        Assert.Equal((990_000L, 900_000L, PledgeStatus.Pledged), (late.AmountFen, late.AllocatedFen, late.Status));
        Assert.True(TransferReference.IsValid(late.TransferReference));
        var joined = await owner.GetDocumentAsync(url);
        Assert.NotNull(joined.QuerySelector("#my-late-join"));
        Assert.Equal(late.TransferReference, joined.QuerySelector("#transfer-reference")!.TextContent.Trim());

        // The treasurer records the cash payment: the pledge is paid and the ledger is credited.
        var before = await BalanceAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Payment.PledgeId"] = late.Id.ToString(), ["Payment.AmountYuan"] = "9900", ["Payment.Reference"] = "收据0002",
        }, "#payment-form")).StatusCode);
        Assert.Equal(before + 990_000, await BalanceAsync(s));
        var page = await committee.GetDocumentAsync(url);
        Assert.Equal("已缴清", page.QuerySelector($"#pledge-{late.Id} .status")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#pledge-{late.Id} .late-join"));

        // A fixed amount is offered as such to the next household.
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(committee, s, "FixedAmount", fixedYuan: "8000")).StatusCode);
        var (_, fourth) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-401"));
        Assert.Equal("¥8,000.00", (await fourth.GetDocumentAsync(url)).QuerySelector("#late-join-amount")!.TextContent.Trim());
    }

    [Fact]
    public async Task Once_late_joining_is_closed_a_late_join_payment_or_a_new_late_joiner_is_refused_and_nothing_changes()
    {
        var (s, committee) = await SucceededAsync("LJ2");
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(committee, s, "ShareWithUplift", percent: "0")).StatusCode);
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-501"));
        var (_, other) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-401"));
        var otherOffer = await other.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*=JoinLate]")).StatusCode);
        var ownerId = s.Compound.Flat("1-1-501").OwnerOfRecordId;
        var late = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId && p.OwnerOfRecordId == ownerId));
        Assert.Equal(900_000, late.AmountFen);

        // The committee closes late joining.
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(committee, s, "Closed")).StatusCode);
        var before = await BalanceAsync(s);

        // The treasurer's cash entry is refused with a message.
        var cash = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Payment.PledgeId"] = late.Id.ToString(), ["Payment.AmountYuan"] = "9000", ["Payment.Reference"] = "收据0003",
        }, "#payment-form");
        Assert.Equal(HttpStatusCode.OK, cash.StatusCode);
        Assert.Contains("业主委员会已关闭本项目的后加入，不能再登记或收取后加入款项。", await cash.BodyAsync());

        // A transfer with its code and the exact amount is listed as partial, not credited; matching it by hand is refused too.
        var statementsUrl = $"/c/{s.Compound.Code}/funding/statements";
        var statementPage = await committee.GetDocumentAsync(statementsUrl);
        var token = statementPage.QuerySelector("#statement-import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var csv = Encoding.GetEncoding("GB18030").GetBytes($"交易流水号,交易日期,币种,贷方金额,借方金额,对方户名,摘要\r\nL001,2026-12-20,人民币,9000.00,,李四,电梯 {late.TransferReference}\r\n");
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(csv), "file", "statement.csv" } })
            Assert.Equal(HttpStatusCode.Redirect, (await committee.PostAsync(statementsUrl + "?handler=Import", content)).StatusCode);
        var line = await Factory.WithDb(db => db.Set<BankStatementLine>().SingleAsync(l => l.CompoundId == s.Compound.Id));
        Assert.Equal(StatementLineOutcome.Partial, line.Outcome);
        var byHand = await committee.SubmitFormAsync(statementsUrl, new Dictionary<string, string> { ["PledgeId"] = late.Id.ToString() }, $"#line-{line.Id} form");
        Assert.Equal(HttpStatusCode.OK, byHand.StatusCode);
        Assert.Contains("业主委员会已关闭本项目的后加入，不能再登记或收取后加入款项。", await byHand.BodyAsync());

        // Another household's join (from the page it loaded while joining was open) is refused.
        var refused = await other.SubmitFormAsync(otherOffer, new Dictionary<string, string>(), "form[action*=JoinLate]");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("业主委员会已关闭本项目的后加入，不能再登记或收取后加入款项。", await refused.BodyAsync());
        Assert.NotNull((await other.GetDocumentAsync(url)).QuerySelector("#late-join-closed"));

        // Nothing moved.
        Assert.Equal(before, await BalanceAsync(s));
        var after = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == late.Id));
        Assert.Equal((0L, PledgeStatus.Pledged), (after.PaidFen, after.Status));
        Assert.Equal(StatementLineOutcome.Partial, (await Factory.WithDb(db => db.Set<BankStatementLine>().SingleAsync(l => l.Id == line.Id))).Outcome);
        var otherOwner = s.Compound.Flat("1-1-401").OwnerOfRecordId;
        Assert.False(await Factory.WithDb(db => db.Set<Pledge>().AnyAsync(p => p.CampaignId == s.CampaignId && p.OwnerOfRecordId == otherOwner)));
        Assert.Equal(0, await Factory.WithDb(db => db.Set<OfflinePayment>().CountAsync(p => p.PledgeId == late.Id)));
    }

    [Fact]
    public async Task A_late_joiner_pays_by_card_through_checkout_and_the_signed_payment_is_credited_once()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new FundingFactory();
        stripe.Configure(factory);
        var (s, committee) = await SucceededAsync(factory, "LJ3");
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        Assert.Equal(HttpStatusCode.Redirect, (await SetRuleAsync(committee, s, "FixedAmount", fixedYuan: "8888.88")).StatusCode);
        var (_, owner) = await factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-501"));

        var toCheckout = await owner.SubmitFormAsync(url, new Dictionary<string, string>(), "#late-join-card-form");
        Assert.Equal(HttpStatusCode.Redirect, toCheckout.StatusCode);
        Assert.StartsWith(stripe.Server.Address.ToString(), toCheckout.Headers.Location!.ToString());
        var session = StripeStandIn.Form(stripe.Calls("POST", "/v1/checkout/sessions").Single());
        Assert.Equal("payment", session["mode"]);
        Assert.Equal("888888", session["line_items[0][price_data][unit_amount]"]);
        var ownerId = s.Compound.Flat("1-1-501").OwnerOfRecordId;
        var late = await factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId && p.OwnerOfRecordId == ownerId));
        Assert.True(late.IsLateJoin);

        using var http = factory.NewClient();
        var before = await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId));
        var paid = StripeStandIn.SignedEvent("evt_pi_late", "payment_intent.succeeded", StripeStandIn.SucceededIntent("pi_late", late.Id, 888_888));
        Assert.Equal(HttpStatusCode.OK, (await StripeStandIn.PostAsync(http, paid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StripeStandIn.PostAsync(http, paid)).StatusCode);
        Assert.Equal(before + 888_888, await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));
        var after = await factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == late.Id));
        Assert.Equal((PledgeStatus.Paid, 888_888L), (after.Status, after.PaidFen));
        Assert.Equal("已缴清", (await owner.GetDocumentAsync(url)).QuerySelector("#my-pledge-status")!.TextContent.Trim());
    }
}
