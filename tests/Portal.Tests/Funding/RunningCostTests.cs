using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>
/// Running costs (运行维护费) of the scenario's finished elevator (one entrance, six floors of one 50.00 ㎡ flat): a
/// yearly bill per flat, exact to the fen, shared by the bill's own table, paid by transfer with its code or in cash,
/// credited to the ledger; bad lines, tables that do not sum and a second bill for the year change nothing.
/// </summary>
public sealed class RunningCostTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    static RunningCostTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string NewCode(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..5]}".ToUpperInvariant();

    /// <summary>The works are done: the item moves through its statuses to 已完工, as the projects feature would move it.</summary>
    private static Task FinishAsync(PortalFactory factory, long planItemId) => factory.WithDb(async db =>
    {
        var item = await db.Set<PlanItem>().SingleAsync(i => i.Id == planItemId);
        foreach (var next in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed })
            item.MoveTo(next, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    });

    private static Dictionary<string, string> Lines(params (string Name, string Yuan)[] lines)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < RunningCostsModelRows; i++)
        {
            fields[$"Input.LineNames[{i}]"] = i < lines.Length ? lines[i].Name : "";
            fields[$"Input.LineYuan[{i}]"] = i < lines.Length ? lines[i].Yuan : "";
        }
        return fields;
    }

    private const int RunningCostsModelRows = Portal.Pages.Funding.RunningCostsModel.LineRows;

    private static Dictionary<string, string> With(Dictionary<string, string> fields, params (string Key, string Value)[] more)
    {
        foreach (var (k, v) in more) fields[k] = v;
        return fields;
    }

    private Task<List<RunningCostBill>> BillsAsync(FundingScenario s) =>
        Factory.WithDb(db => db.Set<RunningCostBill>().Include(b => b.Charges).Include(b => b.Lines).Where(b => b.PlanItemId == s.PlanItemId).ToListAsync());

    private Task<long> BalanceAsync(FundingScenario s) => Factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId));

    [Fact]
    public async Task A_yearly_bill_gives_each_flat_its_share_exact_to_the_fen_and_a_second_bill_for_the_same_year_is_refused()
    {
        var s = await FundingScenario.CreateAsync(Factory, NewCode("RC1"), openCampaign: false);
        await FinishAsync(Factory, s.PlanItemId);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/running-costs";

        var issued = await committee.SubmitFormAsync(url, With(Lines(("电梯电费", "1000.01"), ("维保合同", "2000"), ("年检", "333.33")),
            ("Input.Year", "2027"), ("Input.Method", "EqualPerFlat")), "#running-cost-form");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var bill = Assert.Single(await BillsAsync(s));
        Assert.Equal((2027, 333_334L, 3), (bill.Year, bill.TotalFen, bill.Lines.Count));
        Assert.Equal(6, bill.Charges.Count);
        Assert.Equal(bill.TotalFen, bill.Charges.Sum(c => c.AmountFen));
        Assert.Equal([55_555L, 55_556L], bill.Charges.Select(c => c.AmountFen).Distinct().Order());
        Assert.All(bill.Charges, c => Assert.True(TransferReference.IsValid(c.TransferReference), c.TransferReference));
        Assert.Equal(6, bill.Charges.Select(c => c.TransferReference).Distinct().Count());

        var page = await committee.GetDocumentAsync(url);
        Assert.Equal("¥3,333.34", page.QuerySelector("#bill-2027 .sum")!.TextContent.Trim());
        // Next year's form starts from this year's lines.
        Assert.Equal("2028", page.QuerySelector("#rc-year")!.GetAttribute("value"));
        Assert.Equal("维保合同", page.QuerySelector("#rc-line-name-1")!.GetAttribute("value"));

        var again = await committee.SubmitFormAsync(url, With(Lines(("电梯电费", "500")), ("Input.Year", "2027"), ("Input.Method", "ByArea")), "#running-cost-form");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("该项目本年度的运行维护费账单已经开具，不能重复开具。", await again.BodyAsync());
        var still = Assert.Single(await BillsAsync(s));
        Assert.Equal(333_334, still.TotalFen);

        // A resident cannot issue bills.
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-301"));
        var denied = await owner.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Bad_lines_a_custom_table_that_does_not_sum_and_an_unfinished_item_are_refused_and_nothing_is_issued()
    {
        var s = await FundingScenario.CreateAsync(Factory, NewCode("RC2"), openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/running-costs";

        // The works are not finished: no form, and a forged post is refused.
        var early = await committee.GetDocumentAsync(url);
        Assert.NotNull(early.QuerySelector("#running-cost-not-finished"));
        Assert.Null(early.QuerySelector("#running-cost-form"));
        await FinishAsync(Factory, s.PlanItemId);

        async Task RefusedAsync(Dictionary<string, string> fields, string message)
        {
            var response = await committee.SubmitFormAsync(url, fields, "#running-cost-form");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = WebUtility.HtmlDecode(await response.BodyAsync());
            Assert.Contains(message, body);
            Assert.DoesNotContain("Exception", body);
            Assert.Empty(await BillsAsync(s));
        }

        await RefusedAsync(With(Lines(("电梯电费", "-5.00")), ("Input.Year", "2027")), "第1项费用“电梯电费”的金额须为大于零的元数，最多两位小数。");
        await RefusedAsync(With(Lines(("电梯电费", "100"), ("维保合同", "")), ("Input.Year", "2027")), "第2项费用“维保合同”缺少金额。");
        await RefusedAsync(With(Lines(("", "100")), ("Input.Year", "2027")), "第1项费用缺少名称。");
        await RefusedAsync(With(Lines(), ("Input.Year", "2027")), "请至少填写一项费用。");
        await RefusedAsync(With(Lines(("电梯电费", "100")), ("Input.Year", "1999")), "请填写2000年至2100年之间的年度。");

        // A custom table of amounts must add up to the bill's total (¥600.00 here; ¥599.99 entered).
        var custom = With(Lines(("电梯电费", "600")), ("Input.Year", "2027"), ("Input.Method", "CustomTable"));
        var flats = new[] { "1-1-101", "1-1-201", "1-1-301", "1-1-401", "1-1-501", "1-1-601" };
        foreach (var (label, i) in flats.Select((l, i) => (l, i)))
            custom[$"Input.CustomYuan[{s.Compound.Flat(label).Id}]"] = i == 5 ? "99.99" : "100";
        await RefusedAsync(custom, "各户分摊金额合计与费用合计不符，请核对后再开具。");

        // Corrected, the same table is issued exactly as entered.
        custom[$"Input.CustomYuan[{s.Compound.Flat("1-1-601").Id}]"] = "100.00";
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, custom, "#running-cost-form")).StatusCode);
        var bill = Assert.Single(await BillsAsync(s));
        Assert.All(bill.Charges, c => Assert.Equal(10_000, c.AmountFen));
    }

    [Fact]
    public async Task A_household_sees_its_bill_and_pays_by_transfer_with_the_code_or_in_cash_and_each_payment_is_credited_to_the_ledger()
    {
        var s = await FundingScenario.CreateAsync(Factory, NewCode("RC3"), openCampaign: false);
        await FinishAsync(Factory, s.PlanItemId);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/running-costs";

        // Its own table: floors 1–2 weigh 0.5 (they use the elevator least), the others 1.0; the areas are equal, so of ¥1,000.00 floors 1–2 pay ¥100.00 and the others ¥200.00.
        var fields = With(Lines(("电梯电费", "600"), ("年检", "400")), ("Input.Year", "2027"), ("Input.Method", "FloorCoefficient"));
        foreach (var floor in Enumerable.Range(1, 6)) fields[$"Input.Coefficients[{floor}]"] = floor <= 2 ? "0.5" : "1";
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, fields, "#running-cost-form")).StatusCode);
        var bill = Assert.Single(await BillsAsync(s));
        var byFlat = bill.Charges.ToDictionary(c => c.FlatId);
        var c101 = byFlat[s.Compound.Flat("1-1-101").Id];
        var c601 = byFlat[s.Compound.Flat("1-1-601").Id];
        var c301 = byFlat[s.Compound.Flat("1-1-301").Id];
        Assert.Equal((10_000L, 20_000L), (c101.AmountFen, c601.AmountFen));
        Assert.Equal(100_000, bill.Charges.Sum(c => c.AmountFen));

        // The owner of 601 sees the bill, its lines and the code on their funding page.
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-601"));
        var mine = await owner.GetDocumentAsync($"/c/{s.Compound.Code}/funding/mine");
        var card = mine.QuerySelector($"#mine-charge-{c601.Id}")!;
        Assert.Equal("¥200.00", card.QuerySelector(".amount")!.TextContent.Trim());
        Assert.Equal(c601.TransferReference, card.QuerySelector(".reference")!.TextContent.Trim());
        Assert.Contains("年检", card.TextContent);
        Assert.Null(mine.QuerySelector($"#mine-charge-{c101.Id}"));

        // The transfer with the code and the exact amount pays it; a wrong amount for 301 stays unmatched and pays nothing.
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var statementsUrl = $"/c/{s.Compound.Code}/funding/statements";
        var statementPage = await treasurer.GetDocumentAsync(statementsUrl);
        var token = statementPage.QuerySelector("#statement-import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var csv = Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n",
            "交易流水号,交易日期,币种,贷方金额,借方金额,对方户名,摘要",
            $"R001,2027-01-10,人民币,200.00,,张三,电梯运行费 {c601.TransferReference}",
            $"R002,2027-01-11,人民币,150.00,,李四,电梯运行费 {c301.TransferReference}", ""));
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(csv), "file", "statement.csv" } })
            Assert.Equal(HttpStatusCode.Redirect, (await treasurer.PostAsync(statementsUrl + "?handler=Import", content)).StatusCode);
        var lines = await Factory.WithDb(db => db.Set<BankStatementLine>().Where(l => l.CompoundId == s.Compound.Id).OrderBy(l => l.LineNumber).ToListAsync());
        Assert.Equal([StatementLineOutcome.Matched, StatementLineOutcome.Unmatched], lines.Select(l => l.Outcome));
        Assert.Equal(c601.Id, lines[0].RunningCostChargeId);
        Assert.Equal(20_000, await BalanceAsync(s));
        mine = await owner.GetDocumentAsync($"/c/{s.Compound.Code}/funding/mine");
        Assert.Equal("已缴清", mine.QuerySelector($"#mine-charge-{c601.Id} .status")!.TextContent.Trim());

        // The treasurer matches 301's ¥150.00 transfer to its bill by hand; the line shows the bill.
        var page = await treasurer.GetDocumentAsync(statementsUrl);
        Assert.Contains("2027年度运行维护费", page.QuerySelector($"#line-{lines[0].Id} .running-cost")!.TextContent);
        var byHand = await treasurer.SubmitFormAsync(page, new Dictionary<string, string> { ["ChargeId"] = c301.Id.ToString() }, $"#line-{lines[1].Id} form");
        Assert.Equal(HttpStatusCode.Redirect, byHand.StatusCode);
        var matched = await Factory.WithDb(db => db.Set<BankStatementLine>().SingleAsync(l => l.Id == lines[1].Id));
        Assert.Equal((StatementLineOutcome.Matched, (long?)c301.Id, true), (matched.Outcome, matched.RunningCostChargeId, matched.MatchedByHand));
        Assert.Equal(35_000, await BalanceAsync(s));

        // 301 pays the rest in cash; the treasurer records it with the receipt. More than is owed is refused and changes nothing.
        var over = await treasurer.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Payment.ChargeId"] = c301.Id.ToString(), ["Payment.AmountYuan"] = "50.01", ["Payment.Channel"] = "Cash", ["Payment.Reference"] = "收据0001",
        }, "#running-cost-payment-form");
        Assert.Equal(HttpStatusCode.OK, over.StatusCode);
        Assert.Contains("缴款金额超过了该账单尚未缴清的金额。", await over.BodyAsync());
        Assert.Equal(35_000, await BalanceAsync(s));
        var cash = await treasurer.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Payment.ChargeId"] = c301.Id.ToString(), ["Payment.AmountYuan"] = "50", ["Payment.Channel"] = "Cash", ["Payment.Reference"] = "收据0001",
        }, "#running-cost-payment-form");
        Assert.Equal(HttpStatusCode.Redirect, cash.StatusCode);
        Assert.Equal(40_000, await BalanceAsync(s));
        var entries = await Factory.WithDb(db => db.Set<LedgerEntry>().Where(e => e.PlanItemId == s.PlanItemId).ToListAsync());
        Assert.All(entries, e => Assert.Equal(LedgerEntryKind.RunningCostPayment, e.Kind));
        var ledger = await committee.GetDocumentAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}/ledger");
        Assert.Contains($"运行维护费缴款（2027年度，缴费编号{c301.Id}）", ledger.Body!.TextContent);

        // A re-imported statement pays nothing twice.
        statementPage = await treasurer.GetDocumentAsync(statementsUrl);
        token = statementPage.QuerySelector("#statement-import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(csv), "file", "statement.csv" } })
            Assert.Equal(HttpStatusCode.Redirect, (await treasurer.PostAsync(statementsUrl + "?handler=Import", content)).StatusCode);
        Assert.Equal(40_000, await BalanceAsync(s));
    }

    [Fact]
    public void The_bill_refuses_negative_shares_and_splits_by_area_exactly()
    {
        var flats = new[] { new FlatForSharing(1, 11, 1, 1, 1, 3_333), new FlatForSharing(2, 12, 1, 1, 2, 6_667), new FlatForSharing(3, 13, 1, 1, 3, 10_001) };
        var lines = new[] { new RunningCostLine("电费", 100_001) };
        var bill = RunningCostBill.Issue(1, 1, 2027, CostSharingMethod.ByArea, lines, flats.Select(f => (f, f.ExclusiveAreaCents)).ToList(), "c", DateTimeOffset.UnixEpoch);
        Assert.Equal(100_001, bill.Charges.Sum(c => c.AmountFen));
        Assert.Equal([16_664L, 33_334L, 50_003L], bill.Charges.Select(c => c.AmountFen));
        Assert.Equal("running_cost.weight_negative", Assert.Throws<DomainException>(() =>
            RunningCostBill.Issue(1, 1, 2027, CostSharingMethod.CustomTable, lines, [(flats[0], 100_002), (flats[1], -1)], "c", DateTimeOffset.UnixEpoch)).Code);
        Assert.Equal("running_cost.line_amount_not_positive", Assert.Throws<DomainException>(() => new RunningCostLine("年检", 0)).Code);
        Assert.Equal("running_cost.overpaid", Assert.Throws<DomainException>(() => bill.Charges[0].RecordPayment(16_665, DateTimeOffset.UnixEpoch)).Code);
    }

    [Fact]
    public async Task A_household_pays_its_bill_by_card_and_the_signed_payment_is_booked_once()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new FundingFactory();
        stripe.Configure(factory);
        var s = await FundingScenario.CreateAsync(factory, NewCode("RC4"), openCampaign: false);
        await FinishAsync(factory, s.PlanItemId);
        var item = await factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.Id == s.PlanItemId));
        var bill = await factory.Scoped(sp => sp.GetRequiredService<IssueRunningCostBill>().IssueAsync(item, new IssueRunningCostBill.Terms(2027, CostSharingMethod.EqualPerFlat,
            [("电梯电费", 60_000)], new Dictionary<int, int>(), new Dictionary<long, long>()), "committee"));
        var charge = bill.Charges.Single(c => c.FlatId == s.Compound.Flat("1-1-501").Id);
        Assert.Equal(10_000, charge.AmountFen);

        var (_, owner) = await factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-501"));
        var mine = $"/c/{s.Compound.Code}/funding/mine";
        var toCheckout = await owner.SubmitFormAsync(mine, new Dictionary<string, string>(), $"#mine-charge-{charge.Id} form.pay-bill-form");
        Assert.Equal(HttpStatusCode.Redirect, toCheckout.StatusCode);
        Assert.StartsWith(stripe.Server.Address.ToString(), toCheckout.Headers.Location!.ToString());
        var session = StripeStandIn.Form(stripe.Calls("POST", "/v1/checkout/sessions").Single());
        Assert.Equal(("payment", "10000", charge.Id.ToString()), (session["mode"], session["line_items[0][price_data][unit_amount]"], session["metadata[running_cost_charge_id]"]));

        // Another household's bill cannot be paid from this account.
        var other = bill.Charges.Single(c => c.FlatId == s.Compound.Flat("1-1-601").Id);
        var page = await owner.GetDocumentAsync(mine);
        var forged = await owner.SubmitFormAsync(page, new Dictionary<string, string> { ["chargeId"] = other.Id.ToString() }, $"#mine-charge-{charge.Id} form.pay-bill-form");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        using var http = factory.NewClient();
        object Intent(string id) => new
        {
            id, @object = "payment_intent", status = "succeeded", amount = 10_000, amount_received = 10_000, currency = "cny",
            metadata = new Dictionary<string, string> { ["running_cost_charge_id"] = charge.Id.ToString() },
        };
        var paid = StripeStandIn.SignedEvent("evt_rc_paid", "payment_intent.succeeded", Intent("pi_rc"));
        Assert.Equal(HttpStatusCode.OK, (await StripeStandIn.PostAsync(http, paid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StripeStandIn.PostAsync(http, paid)).StatusCode);
        // Stripe may send a second event about the same payment: it is booked once.
        Assert.Equal(HttpStatusCode.OK, (await StripeStandIn.PostAsync(http, StripeStandIn.SignedEvent("evt_rc_again", "payment_intent.succeeded", Intent("pi_rc")))).StatusCode);

        Assert.Equal(10_000, await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId)));
        var payments = await factory.WithDb(db => db.Set<RunningCostPayment>().Where(p => p.ChargeId == charge.Id).ToListAsync());
        var payment = Assert.Single(payments);
        Assert.Equal((RunningCostPaymentChannel.Card, "card:pi_rc"), (payment.Channel, payment.Reference));
        var after = await owner.GetDocumentAsync(mine);
        Assert.Equal("已缴清", after.QuerySelector($"#mine-charge-{charge.Id} .status")!.TextContent.Trim());
        Assert.Contains("银行卡", after.QuerySelector($"#mine-charge-{charge.Id} .receipts")!.TextContent);
        Assert.Null(after.QuerySelector($"#mine-charge-{charge.Id} form.pay-bill-form"));
    }
}
