using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Features.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>
/// Households transfer their pledge to the supervised account with the pledge's code in the memo; the treasurer
/// imports the statement. The scenario's shares: floor 3 ¥7,000, 4 ¥8,000, 5 ¥9,000, 6 ¥10,000 (goal ¥34,000).
/// </summary>
public sealed class BankTransferTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    static BankTransferTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Header = "交易流水号,交易日期,币种,贷方金额,借方金额,对方户名,摘要";

    private static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    private async Task<Dictionary<string, Pledge>> PledgeOfflineAsync(FundingScenario s, params string[] flats)
    {
        var result = new Dictionary<string, Pledge>();
        foreach (var label in flats)
        {
            var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat(label));
            var saved = await owner.SubmitFormAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}", new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var ownerId = s.Compound.Flat(label).OwnerOfRecordId;
            result[label] = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId && p.OwnerOfRecordId == ownerId));
        }
        return result;
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient treasurer, string code, byte[] file, string name = "statement.csv")
    {
        var url = $"/c/{code}/funding/statements";
        var page = await treasurer.GetDocumentAsync(url);
        var token = page.QuerySelector("#statement-import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", name },
        };
        return await treasurer.PostAsync(url + "?handler=Import", content);
    }

    private Task<List<BankStatementLine>> LinesAsync(FundingScenario s) =>
        Factory.WithDb(db => db.Set<BankStatementLine>().Where(l => l.CompoundId == s.Compound.Id).OrderBy(l => l.StatementId).ThenBy(l => l.LineNumber).ToListAsync());

    private Task<long> BalanceAsync(FundingScenario s) => Factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(s.PlanItemId));

    [Fact]
    public async Task A_household_sees_the_supervised_account_and_its_pledge_code_for_the_transfer_memo()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR1");
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        var refused = await committee.SubmitFormAsync(url, new Dictionary<string, string> { ["Account.Name"] = "幸福小区业主委员会", ["Account.Bank"] = "", ["Account.Number"] = "6222" }, "#transfer-account-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请填写户名、开户行和账号。", await refused.BodyAsync());
        var saved = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Account.Name"] = "幸福小区业主委员会加装电梯共管账户", ["Account.Bank"] = "中国工商银行北京幸福支行", ["Account.Number"] = "6222 0200 1234 5678 901",
        }, "#transfer-account-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var flat = s.Compound.Flat("1-1-501");
        var (_, owner) = await Factory.ResidentAsync(s.Compound, flat);
        await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form");
        var pledge = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId));
        Assert.True(TransferReference.IsValid(pledge.TransferReference), pledge.TransferReference);

        var page = await owner.GetDocumentAsync(url);
        Assert.Equal(pledge.TransferReference, page.QuerySelector("#transfer-reference")!.TextContent.Trim());
        Assert.Equal("6222020012345678901", page.QuerySelector("#transfer-account-number")!.TextContent.Trim());
        Assert.Equal("中国工商银行北京幸福支行", page.QuerySelector("#transfer-bank")!.TextContent.Trim());
        Assert.Equal("¥9,000.00", page.QuerySelector("#transfer-amount")!.TextContent.Trim());
        // Changing the amount keeps the code: it is already on the household's banking app.
        await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Method"] = "Offline", ["Input.AmountYuan"] = "9500" }, "#pledge-form");
        Assert.Equal(pledge.TransferReference, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.TransferReference).SingleAsync()));
    }

    [Fact]
    public async Task A_GB18030_statement_pays_exact_matches_lists_partial_unmatched_and_duplicate_lines_and_a_reimport_changes_nothing()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR2");
        var pledges = await PledgeOfflineAsync(s, "1-1-301", "1-1-401", "1-1-501", "1-1-601");
        var (treasurerId, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        string Ref(string flat) => pledges[flat].TransferReference!;
        var statement = Gb18030(string.Join("\r\n",
            Header,
            $"T001,2026-12-01,人民币,\"10,000.00\",,张三,电梯款 {Ref("1-1-601")}",
            $"T002,2026/12/01,CNY,8999.00,,李四,{Ref("1-1-501").ToLowerInvariant()[..3]} {Ref("1-1-501").ToLowerInvariant()[3..]} 加装电梯",
            "T003,20261202,CNY,7000.00,,王五,301室电梯集资",
            $"T001,2026-12-01,人民币,\"10,000.00\",,张三,电梯款 {Ref("1-1-601")}",
            "T004,2026-12-02,CNY,,200.00,某某物业,手续费",
            $",2026年12月2日,,8000,,赵六,{Ref("1-1-401")}",
            ""));

        var imported = await ImportAsync(treasurer, s.Compound.Code, statement);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var lines = await LinesAsync(s);
        Assert.Equal([StatementLineOutcome.Matched, StatementLineOutcome.Partial, StatementLineOutcome.Unmatched, StatementLineOutcome.Duplicate,
            StatementLineOutcome.Outgoing, StatementLineOutcome.Matched], lines.Select(l => l.Outcome));
        Assert.Equal([2, 3, 4, 5, 6, 7], lines.Select(l => l.LineNumber));
        Assert.Equal(pledges["1-1-501"].Id, lines[1].PledgeId);
        Assert.Equal(lines[0].Id, lines[3].DuplicateOfLineId);
        Assert.Equal(-20_000, lines[4].AmountFen);
        Assert.Equal("王五", lines[2].Counterparty);

        var after = await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.CampaignId == s.CampaignId).ToDictionaryAsync(p => p.Id));
        Assert.Equal(PledgeStatus.Paid, after[pledges["1-1-601"].Id].Status);
        Assert.Equal(PledgeStatus.Paid, after[pledges["1-1-401"].Id].Status);
        Assert.Equal(PledgeStatus.Pledged, after[pledges["1-1-501"].Id].Status);
        Assert.Equal(0, after[pledges["1-1-501"].Id].PaidFen);
        Assert.Equal(PledgeStatus.Pledged, after[pledges["1-1-301"].Id].Status);
        Assert.Equal(1_800_000, await BalanceAsync(s));

        var page = await treasurer.GetDocumentAsync($"/c/{s.Compound.Code}/funding/statements");
        Assert.Contains("金额不符，未入账", page.QuerySelector($"#line-{lines[1].Id} .outcome")!.TextContent);
        Assert.Contains("重复，已忽略", page.QuerySelector($"#line-{lines[3].Id} .outcome")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#line-{lines[2].Id} form.match-form"));
        Assert.Null(page.QuerySelector($"#line-{lines[0].Id} form.match-form"));

        // The same statement again: every line is a duplicate and nothing moves.
        var again = await ImportAsync(treasurer, s.Compound.Code, statement);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var second = (await LinesAsync(s)).Skip(6).ToList();
        Assert.Equal(6, second.Count);
        Assert.All(second, l => Assert.Equal(StatementLineOutcome.Duplicate, l.Outcome));
        Assert.Equal(1_800_000, await BalanceAsync(s));
        Assert.Equal(2, await Factory.WithDb(db => db.Set<OfflinePayment>().CountAsync(p => db.Set<Pledge>().Any(x => x.Id == p.PledgeId && x.CampaignId == s.CampaignId))));

        // The treasurer matches the unmatched line to flat 301 and the partial one to flat 501 by hand.
        var statementsUrl = $"/c/{s.Compound.Code}/funding/statements";
        var matched = await treasurer.SubmitFormAsync(statementsUrl, new Dictionary<string, string> { ["PledgeId"] = pledges["1-1-301"].Id.ToString() }, $"#line-{lines[2].Id} form");
        Assert.Equal(HttpStatusCode.Redirect, matched.StatusCode);
        // A line already booked cannot be matched again, even by a forged form.
        var alreadyMatched = await treasurer.SubmitFormAsync(statementsUrl,
            new Dictionary<string, string> { ["LineId"] = lines[0].Id.ToString(), ["PledgeId"] = pledges["1-1-301"].Id.ToString() }, $"#line-{lines[1].Id} form");
        Assert.Equal(HttpStatusCode.OK, alreadyMatched.StatusCode);
        Assert.Contains("只有“金额不符”或“未匹配”的收入流水才能人工匹配。", await alreadyMatched.BodyAsync());
        Assert.Equal(2_500_000, await BalanceAsync(s));

        Assert.Equal(HttpStatusCode.Redirect, (await treasurer.SubmitFormAsync(statementsUrl, new Dictionary<string, string>(), $"#line-{lines[1].Id} form")).StatusCode);
        var byHand = (await LinesAsync(s)).Single(l => l.Id == lines[1].Id);
        Assert.Equal(StatementLineOutcome.Matched, byHand.Outcome);
        Assert.True(byHand.MatchedByHand);
        Assert.Equal(treasurerId, byHand.MatchedBy);
        Assert.NotNull(byHand.MatchedAt);
        var p501 = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == pledges["1-1-501"].Id));
        Assert.Equal(899_900, p501.PaidFen);
        Assert.Equal(PledgeStatus.Pledged, p501.Status);
        Assert.Equal(CampaignStatus.Open, await Factory.WithDb(db => db.Set<Campaign>().Where(c => c.Id == s.CampaignId).Select(c => c.Status).SingleAsync()));

        // The last ¥1.00 arrives on a later statement: everything is paid and the campaign succeeds.
        var rest = Gb18030($"{Header}\nT010,2026-12-05,CNY,1.00,,李四,补缴 {Ref("1-1-501")}\n");
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(treasurer, s.Compound.Code, rest)).StatusCode);
        Assert.Equal(StatementLineOutcome.Matched, (await LinesAsync(s)).Last().Outcome);
        Assert.Equal(PledgeStatus.Paid, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == p501.Id).Select(p => p.Status).SingleAsync()));
        Assert.Equal(3_400_000, await BalanceAsync(s));
        Assert.Equal(CampaignStatus.Succeeded, await Factory.WithDb(db => db.Set<Campaign>().Where(c => c.Id == s.CampaignId).Select(c => c.Status).SingleAsync()));
        Assert.Equal(FundingScenario.Total - FundingScenario.Subsidy, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.CampaignId == s.CampaignId).SumAsync(p => p.PaidFen)));
    }

    [Fact]
    public async Task A_line_in_another_currency_refuses_the_whole_statement_naming_its_line()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR3");
        var pledges = await PledgeOfflineAsync(s, "1-1-601");
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var csv = $"{Header}\nT1,2026-12-01,CNY,10000.00,,张三,{pledges["1-1-601"].TransferReference}\nT2,2026-12-01,USD,100.00,,Smith,gift\n";

        var refused = await ImportAsync(treasurer, s.Compound.Code, Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = (await FormClient.ParseAsync(refused)).QuerySelector("#statement-import-errors")!.TextContent;
        Assert.Contains("第3行：币种“USD”不是人民币，整份对账单未导入。", errors);
        Assert.Empty(await LinesAsync(s));
        Assert.Equal(0, await Factory.WithDb(db => db.Set<BankStatement>().CountAsync(b => b.CompoundId == s.Compound.Id)));
        Assert.Equal(PledgeStatus.Pledged, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledges["1-1-601"].Id).Select(p => p.Status).SingleAsync()));

        var english = await Factory.Scoped(async sp =>
        {
            var before = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            try { return await sp.GetRequiredService<ImportBankStatement>().ImportAsync(s.Compound.Id, Encoding.UTF8.GetBytes(csv), "s.csv", "u"); }
            finally { CultureInfo.CurrentUICulture = before; }
        });
        Assert.True(english.Refused);
        Assert.Equal("line 3: the currency \"USD\" is not CNY; nothing from this statement was imported.", Assert.Single(english.Errors));
    }

    [Fact]
    public async Task A_bad_date_or_amount_refuses_the_whole_statement_and_a_good_xlsx_is_read()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR4");
        var pledges = await PledgeOfflineAsync(s, "1-1-601", "1-1-501");
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var csv = $"transaction_id,date,amount_yuan,counterparty,memo\nA1,2026-12-01,10000.00,张三,{pledges["1-1-601"].TransferReference}\nA2,2026-13-45,1.00,x,y\nA3,2026-12-02,12.345,x,y\n";
        var refused = await ImportAsync(treasurer, s.Compound.Code, Encoding.UTF8.GetBytes(csv));
        var html = await refused.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("第3行：日期“2026-13-45”无效。", html);
        Assert.Contains("第4行：金额“12.345”无效。", html);
        Assert.Empty(await LinesAsync(s));
        Assert.Equal(0, await BalanceAsync(s));

        var header = await ImportAsync(treasurer, s.Compound.Code, Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n"));
        Assert.Contains("对账单的表头无法识别", await header.BodyAsync());

        using var xlsx = new MemoryStream();
        MiniExcel.SaveAs(xlsx, new[]
        {
            new Dictionary<string, object> { ["交易日期"] = new DateTime(2026, 12, 3), ["收入金额"] = 9000m, ["对方户名"] = "李四", ["附言"] = pledges["1-1-501"].TransferReference! },
        });
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(treasurer, s.Compound.Code, xlsx.ToArray(), "statement.xlsx")).StatusCode);
        var line = Assert.Single(await LinesAsync(s));
        Assert.Equal(StatementLineOutcome.Matched, line.Outcome);
        Assert.Equal(new DateOnly(2026, 12, 3), line.BookedOn);
        Assert.Equal(900_000, await BalanceAsync(s));
    }

    [Fact]
    public async Task A_failed_campaign_s_transfers_are_refunded_by_transfer_and_cash_and_never_more_than_was_paid()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR5");
        var pledges = await PledgeOfflineAsync(s, "1-1-601", "1-1-501");
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var csv = $"{Header}\nT1,2026-12-01,CNY,10000.00,,张三,{pledges["1-1-601"].TransferReference}\nT2,2026-12-01,CNY,4000.00,,李四,{pledges["1-1-501"].TransferReference}\n";
        await ImportAsync(treasurer, s.Compound.Code, Encoding.UTF8.GetBytes(csv));
        var partial = (await LinesAsync(s))[1];
        await Factory.Scoped(sp => sp.GetRequiredService<MatchStatementLine>().MatchAsync(s.Compound.Id, partial.Id, pledges["1-1-501"].Id, "t"));
        Assert.Equal(1_400_000, await BalanceAsync(s));
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        Assert.Null((await treasurer.GetDocumentAsync(url)).QuerySelector("#refund-form"));

        await treasurer.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='handler=Fail']");
        Assert.Equal(CampaignStatus.Failed, await Factory.WithDb(db => db.Set<Campaign>().Where(c => c.Id == s.CampaignId).Select(c => c.Status).SingleAsync()));

        var refund = new Dictionary<string, string>
        {
            ["Refund.PledgeId"] = pledges["1-1-601"].Id.ToString(), ["Refund.AmountYuan"] = "10000.01", ["Refund.Channel"] = "BankTransfer",
            ["Refund.RefundedOn"] = "2026-12-20", ["Refund.Reference"] = "退款流水 R-1",
        };
        var tooMuch = await treasurer.SubmitFormAsync(url, refund, "#refund-form");
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("退款金额超过了可退金额", await tooMuch.BodyAsync());
        Assert.Contains("value=\"10000.01\"", await tooMuch.BodyAsync());

        refund["Refund.AmountYuan"] = "10000.00";
        Assert.Equal(HttpStatusCode.Redirect, (await treasurer.SubmitFormAsync(url, refund, "#refund-form")).StatusCode);
        refund["Refund.PledgeId"] = pledges["1-1-501"].Id.ToString();
        refund["Refund.AmountYuan"] = "4000";
        refund["Refund.Channel"] = "Cash";
        refund["Refund.Reference"] = "";
        var noReference = await treasurer.SubmitFormAsync(url, refund, "#refund-form");
        Assert.Contains("请填写凭证号", await noReference.BodyAsync());
        refund["Refund.Reference"] = "收据 0042";
        Assert.Equal(HttpStatusCode.Redirect, (await treasurer.SubmitFormAsync(url, refund, "#refund-form")).StatusCode);

        var after = await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.CampaignId == s.CampaignId).ToDictionaryAsync(p => p.Id));
        Assert.Equal(PledgeStatus.Refunded, after[pledges["1-1-601"].Id].Status);
        Assert.Equal(PledgeStatus.Refunded, after[pledges["1-1-501"].Id].Status);
        Assert.Equal(400_000, after[pledges["1-1-501"].Id].RefundedFen);
        Assert.Equal(0, await BalanceAsync(s));
        var records = await Factory.WithDb(db => db.Set<PledgeRefund>().Where(r => r.CompoundId == s.Compound.Id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([RefundChannel.BankTransfer, RefundChannel.Cash], records.Select(r => r.Channel));
        var ledger = await treasurer.GetDocumentAsync(url + "/ledger");
        Assert.Contains($"退款（认缴编号{pledges["1-1-601"].Id}）", ledger.QuerySelector("#ledger-entries")!.TextContent);
    }

    [Fact]
    public async Task An_overpayment_matched_by_hand_is_refunded_only_up_to_the_excess()
    {
        var s = await FundingScenario.CreateAsync(Factory, "BTR6");
        var pledges = await PledgeOfflineAsync(s, "1-1-601");
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        await ImportAsync(treasurer, s.Compound.Code, Encoding.UTF8.GetBytes($"{Header}\nT1,2026-12-01,CNY,10100.00,,张三,{pledges["1-1-601"].TransferReference}\n"));
        var line = Assert.Single(await LinesAsync(s));
        Assert.Equal(StatementLineOutcome.Partial, line.Outcome);
        await Factory.Scoped(sp => sp.GetRequiredService<MatchStatementLine>().MatchAsync(s.Compound.Id, line.Id, pledges["1-1-601"].Id, "t"));
        var paid = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == pledges["1-1-601"].Id));
        Assert.Equal(PledgeStatus.Paid, paid.Status);
        Assert.Equal(100_00, paid.RefundableFen(CampaignStatus.Open));

        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        var refund = new Dictionary<string, string>
        {
            ["Refund.PledgeId"] = paid.Id.ToString(), ["Refund.AmountYuan"] = "100.01", ["Refund.Channel"] = "BankTransfer", ["Refund.RefundedOn"] = "2026-12-03", ["Refund.Reference"] = "R-2",
        };
        Assert.Contains("退款金额超过了可退金额", await (await treasurer.SubmitFormAsync(url, refund, "#refund-form")).BodyAsync());
        refund["Refund.Channel"] = "Card";
        refund["Refund.AmountYuan"] = "100";
        Assert.Contains("不是用银行卡支付的", await (await treasurer.SubmitFormAsync(url, refund, "#refund-form")).BodyAsync());
        refund["Refund.Channel"] = "BankTransfer";
        Assert.Equal(HttpStatusCode.Redirect, (await treasurer.SubmitFormAsync(url, refund, "#refund-form")).StatusCode);

        var after = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.Id == paid.Id));
        Assert.Equal(PledgeStatus.Paid, after.Status);
        Assert.Equal(10_000, after.RefundedFen);
        Assert.Equal(1_000_000, await BalanceAsync(s));
        Assert.Null((await treasurer.GetDocumentAsync(url)).QuerySelector("#refund-form"));
    }
}
