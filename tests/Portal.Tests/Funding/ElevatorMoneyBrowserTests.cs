using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Funding;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Funding;

/// <summary>
/// Issue 15's "done when", in Chromium: money for an elevator in building 1 entrance 1 (seven floors, one 50.00 ㎡ flat
/// a floor) as a compound really collects it. Cost ¥63,000, central subsidy ¥26,000, residents ¥37,000 shared by floor
/// coefficients −0.2, −0.1, 0.6 … 1.0 (sum 3.7): floors 1–2 are compensated ¥2,000 and ¥1,000, floors 3–7 pay
/// ¥6,000 … ¥10,000. Fund balances 301 ¥1,000, 401 ¥2,000, 701 ¥3,000 (and 101 ¥500, never drawn for compensation).
/// 301 does not take part at first; the committee sets the goal to the others' part (¥35,000, less ¥6,000 from the fund).
/// </summary>
public sealed class ElevatorMoneyBrowserTests
{
    static ElevatorMoneyBrowserTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Elevator_money_from_fund_balances_to_running_costs_and_a_late_joiner_balances_to_the_fen()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new VotesFactory();
        stripe.Configure(factory);
        var address = factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = address };

        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("EMB"), buildings: 1, entrances: 1, floors: 7, flatsPerFloor: 1);
        var entrance = c.Entrance("1", "1");
        var itemId = await factory.WithDb(async db =>
        {
            // The plan item comes from the projects feature; here it is made directly.
            var item = new PlanItem(c.Id, PlanCategory.Upgrade, "1号楼1单元加装电梯", "1号楼1单元", Scope.OfEntrance(entrance.BuildingId, entrance.Id), 6_300_000, null, DateTimeOffset.UtcNow);
            db.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        var code = c.Code;
        var item = $"/c/{code}/funding/{itemId}";
        string[] rooms = ["101", "201", "301", "401", "501", "601", "701"];

        async Task<IPage> SignedInAsync(string email)
        {
            var page = await browser.NewPageAsync(address, phone: false);
            await page.GotoAsync("/account/login");
            await page.GetByLabel("电子邮箱").FillAsync(email);
            await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("/account/login"));
            return page;
        }

        foreach (var room in rooms)
        {
            var user = await factory.CreateUserAsync($"owner-{room}@example.com");
            await factory.LinkAsync(user.Id, c, c.Flat($"1-1-{room}"));
        }
        foreach (var who in new[] { "treasurer", "chair" })
        {
            var user = await factory.CreateUserAsync($"{who}@example.com");
            await factory.GrantAsync(user.Id, c, CompoundRoleKind.Committee);
        }
        var treasurer = await SignedInAsync("treasurer@example.com");

        // The committee enters the cost sharing on its page: floor coefficients with the low floors compensated.
        await treasurer.GotoAsync($"{item}/cost-sharing");
        await treasurer.Locator("#total").FillAsync("63000");
        await treasurer.Locator("#source-CentralSubsidy").FillAsync("26000");
        await treasurer.Locator("#method").SelectOptionAsync("FloorCoefficient");
        string[] coefficients = ["-0.2", "-0.1", "0.6", "0.7", "0.8", "0.9", "1"];
        for (var floor = 1; floor <= 7; floor++) await treasurer.Locator($"#coef-{floor}").FillAsync(coefficients[floor - 1]);
        await treasurer.Locator("#save-cost-sharing").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#residents-share")).ToHaveTextAsync("¥37,000.00");
        await Assertions.Expect(treasurer.Locator("#allocation-table tr[data-flat='1-1-101'] .share")).ToHaveTextAsync("¥-2,000.00");
        await Assertions.Expect(treasurer.Locator("#allocation-sum")).ToHaveTextAsync("¥37,000.00");

        // 1) The committee imports the flats' maintenance-fund balances (GB18030, as the fund's statement comes).
        await treasurer.GotoAsync($"/c/{code}/funding/fund-balances");
        await treasurer.Locator("#fund-as-of").FillAsync("2026-11-30");
        await treasurer.Locator("#fund-file").SetInputFilesAsync(new FilePayload
        {
            Name = "分户余额.csv", MimeType = "text/csv",
            Buffer = Encoding.GetEncoding("GB18030").GetBytes("building,entrance,room,balance_yuan\r\n1,1,101,500.00\r\n1,1,301,1000.00\r\n1,1,401,2000\r\n1,1,701,3000.00\r\n"),
        });
        await treasurer.Locator("#fund-import-form button[type=submit]").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#fund-balances tr[data-flat='1-1-701'] .balance")).ToHaveTextAsync("¥3,000.00");
        await Assertions.Expect(treasurer.Locator("#fund-balances tr[data-flat='1-1-301'] .balance")).ToHaveTextAsync("¥1,000.00");

        // 2) A vote with two matters passes: the retrofit (major, an elevator matter) and the fund use (ordinary, Art. 278 item 5).
        var vote = await factory.Scoped(async sp =>
        {
            await sp.GetRequiredService<SetCompoundRules>().RunAsync(c.Id,
                new SetCompoundRules.Changes(NoticeDays: 0, MinVotingDays: 0, ObjectionDays: 0, CountingDays: 0, HideSplitUntilClose: false), "test", CancellationToken.None);
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(c.Id, "1号楼1单元加装电梯", new CivilCodeMajor(),
                Scope.OfEntrance(entrance.BuildingId, entrance.Id), null, now.AddHours(1), 1, 24, Elevator: true,
                MoreMatters: [new CreateVote.MoreMatter("使用住宅专项维修资金支付各户分摊", null, new CivilCodeOrdinary())]), "test");
        });
        foreach (var room in rooms) await factory.RecordAsync(vote.Id, c, c.Flat($"1-1-{room}").Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        factory.Clock.Offset = TimeSpan.FromDays(2);
        await factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, c.Id, "test"));
        var tally = await factory.TallyAsync(vote.Id);
        Assert.Equal(2, tally.Count);
        Assert.All(tally, m => Assert.True(m.Passed));

        // The committee opens the campaign for the households taking part and links the passed fund-use matter.
        await treasurer.GotoAsync($"{item}/cost-sharing");
        await treasurer.Locator("#goal").FillAsync("35000");
        await treasurer.Locator("#open-campaign").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#campaign-status")).ToHaveTextAsync("筹资中");
        await treasurer.GotoAsync($"/c/{code}/funding/fund-balances");
        await treasurer.Locator("#fund-item").SelectOptionAsync(itemId.ToString());
        await treasurer.Locator("#fund-matter").SelectOptionAsync(new SelectOptionValue { Label = "1号楼1单元加装电梯 · 使用住宅专项维修资金支付各户分摊" });
        await treasurer.Locator("#fund-link-form button[type=submit]").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#fund-linked")).ToContainTextAsync("1号楼1单元加装电梯");
        await treasurer.GotoAsync(item);
        await Assertions.Expect(treasurer.Locator("#campaign-progress")).ToContainTextAsync("¥29,000.00");
        await treasurer.Locator("#account-name").FillAsync("幸福小区业主委员会加装电梯共管账户");
        await treasurer.Locator("#account-bank").FillAsync("中国工商银行唐山路北支行");
        await treasurer.Locator("#account-number").FillAsync("6222020012345678901");
        await treasurer.Locator("#save-transfer-account").ClickAsync();

        // 3) Each household's quote shows the fund part and its own part; floors 1 and 2 are compensated.
        var owners = new Dictionary<string, IPage>();
        foreach (var room in rooms)
        {
            var page = owners[room] = await SignedInAsync($"owner-{room}@example.com");
            await page.GotoAsync(item);
        }
        await Assertions.Expect(owners["101"].Locator("#quote-compensation")).ToHaveTextAsync("¥2,000.00");
        await Assertions.Expect(owners["201"].Locator("#quote-compensation")).ToHaveTextAsync("¥1,000.00");
        await Assertions.Expect(owners["101"].Locator("#quote-fund")).ToHaveCountAsync(0);
        var expected = new Dictionary<string, (string Share, string? Fund, string Household)>
        {
            ["301"] = ("¥6,000.00", "¥1,000.00", "¥5,000.00"),
            ["401"] = ("¥7,000.00", "¥2,000.00", "¥5,000.00"),
            ["501"] = ("¥8,000.00", null, "¥8,000.00"),
            ["601"] = ("¥9,000.00", null, "¥9,000.00"),
            ["701"] = ("¥10,000.00", "¥3,000.00", "¥7,000.00"),
        };
        foreach (var (room, (share, fund, household)) in expected)
        {
            await Assertions.Expect(owners[room].Locator("#quote-share")).ToHaveTextAsync(share);
            if (fund is null) await Assertions.Expect(owners[room].Locator("#quote-fund")).ToHaveCountAsync(0);
            else
            {
                await Assertions.Expect(owners[room].Locator("#quote-fund")).ToHaveTextAsync(fund);
                await Assertions.Expect(owners[room].Locator("#quote-household")).ToHaveTextAsync(household);
            }
            await Assertions.Expect(owners[room].Locator("#pledge-amount")).ToHaveValueAsync(household.TrimStart('¥').Replace(",", ""));
        }

        // 4) Three households pledge by bank transfer and see the account and their memo code; 701 pledges by card.
        var references = new Dictionary<string, string>();
        foreach (var room in new[] { "401", "501", "601" })
        {
            var page = owners[room];
            await page.Locator("#method-offline").CheckAsync();
            await page.Locator("#pledge-submit").ClickAsync();
            await Assertions.Expect(page.Locator("#my-pledge-status")).ToHaveTextAsync("已认缴");
            await Assertions.Expect(page.Locator("#transfer-account-number")).ToHaveTextAsync("6222020012345678901");
            await Assertions.Expect(page.Locator("#transfer-amount")).ToHaveTextAsync(expected[room].Household);
            references[room] = (await page.Locator("#transfer-reference").TextContentAsync())!.Trim();
            Assert.True(TransferReference.IsValid(references[room]), references[room]);
        }
        Task<Pledge> PledgeOfAsync(string room) => factory.WithDb(db =>
            db.Set<Pledge>().SingleAsync(p => p.OwnerOfRecordId == c.Flat($"1-1-{room}").OwnerOfRecordId));
        var card = owners["701"];
        await card.Locator("#method-card").CheckAsync();
        await card.Locator("#consent").CheckAsync();
        await card.Locator("#pledge-submit").ClickAsync();
        await card.WaitForURLAsync(u => u.StartsWith(stripe.Server.Address.ToString(), StringComparison.Ordinal));
        var cardPledge = await PledgeOfAsync("701");
        Assert.Contains("¥7,000.00", cardPledge.ConsentText);
        var completed = await StripeStandIn.PostAsync(http, StripeStandIn.SignedEvent($"evt_cs_{cardPledge.Id}", "checkout.session.completed",
            StripeStandIn.SetupSession(cardPledge.StripeCheckoutSessionId!, cardPledge.Id, cardPledge.StripeCustomerId!, $"seti_{cardPledge.Id}")));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await card.GotoAsync(item);
        await Assertions.Expect(card.Locator("#my-pledge-status")).ToHaveTextAsync("已绑卡");

        // 5) The treasurer imports the statement: 401 and 601 match; 501 sent ¥100 too much (partial); a property fee
        //    without a code is unmatched; the first line appears twice (duplicate).
        await treasurer.GotoAsync($"/c/{code}/funding/statements");
        await treasurer.Locator("#statement-file").SetInputFilesAsync(new FilePayload
        {
            Name = "共管账户流水.csv", MimeType = "text/csv",
            Buffer = Encoding.GetEncoding("GB18030").GetBytes(string.Join("\r\n",
                "交易流水号,交易日期,币种,贷方金额,借方金额,对方户名,摘要",
                $"S001,2026-12-03,人民币,\"5,000.00\",,王四,电梯款 {references["401"]}",
                $"S002,2026-12-03,人民币,8100.00,,王五,{references["501"]} 加装电梯",
                $"S003,2026-12-04,人民币,9000.00,,王六,电梯 {references["601"]}",
                "S004,2026-12-04,人民币,300.00,,赵某,物业费",
                $"S001,2026-12-03,人民币,\"5,000.00\",,王四,电梯款 {references["401"]}", "")),
        });
        await treasurer.Locator("#statement-import").ClickAsync();
        var lines = treasurer.Locator("#statement-lines tbody tr");
        await Assertions.Expect(lines).ToHaveCountAsync(5);
        await Assertions.Expect(treasurer.Locator("tr[data-line='2'] .outcome")).ToContainTextAsync("已入账");
        await Assertions.Expect(treasurer.Locator("tr[data-line='3'] .outcome")).ToContainTextAsync("金额不符，未入账");
        await Assertions.Expect(treasurer.Locator("tr[data-line='4'] .outcome")).ToContainTextAsync("已入账");
        await Assertions.Expect(treasurer.Locator("tr[data-line='5'] .outcome")).ToContainTextAsync("未匹配");
        await Assertions.Expect(treasurer.Locator("tr[data-line='6'] .outcome")).ToContainTextAsync("重复，已忽略");
        await treasurer.GotoAsync(item);
        await Assertions.Expect(treasurer.Locator("#campaign-status")).ToHaveTextAsync("筹资中");

        // Matching the partial line to 501 by hand brings the money in hand plus the saved card to the goal: the campaign succeeds.
        var p501 = await PledgeOfAsync("501");
        await treasurer.GotoAsync($"/c/{code}/funding/statements");
        var partial = treasurer.Locator("tr[data-line='3']");
        await partial.Locator("select").SelectOptionAsync(p501.Id.ToString());
        await partial.Locator("form.match-form button").ClickAsync();
        await Assertions.Expect(treasurer.Locator("tr[data-line='3'] .outcome")).ToContainTextAsync("已入账");
        await treasurer.GotoAsync(item);
        await Assertions.Expect(treasurer.Locator("#campaign-status")).ToHaveTextAsync("筹资成功");
        await Assertions.Expect(treasurer.Locator($"#pledge-{p501.Id} .status")).ToHaveTextAsync("已缴清");
        // The ¥100 paid beyond the pledge goes back by transfer.
        await treasurer.Locator("#refund-pledge").SelectOptionAsync(p501.Id.ToString());
        await treasurer.Locator("#refund-amount").FillAsync("100");
        await treasurer.Locator("#refund-reference").FillAsync("退款-501");
        await treasurer.Locator("#record-refund").ClickAsync();
        await Assertions.Expect(treasurer.Locator($"#pledge-{p501.Id} .refunded")).ToHaveTextAsync("¥100.00");

        // 6) The card is charged (the job the success enqueued, run here; a second run charges nothing more).
        await factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync((long)cardPledge.CampaignId, CancellationToken.None));
        await factory.Scoped(sp => sp.GetRequiredService<ChargePledges>().ChargeAsync((long)cardPledge.CampaignId, CancellationToken.None));
        await Eventually.Until(() => factory.WithDb(db => db.Set<Pledge>().AllAsync(p => p.Status != PledgeStatus.CardSaved)), "the saved card to be charged");
        var charge = Assert.Single(stripe.Charges);
        Assert.True(charge.Key == $"pledge-{cardPledge.Id}-charge" && charge.Amount == 700_000, $"charged {charge.Key} {charge.Amount}");
        await card.GotoAsync(item);
        await Assertions.Expect(card.Locator("#my-pledge-status")).ToHaveTextAsync("已缴清");

        // 7) The ledger: the subsidy arrives; the contractor's first payment and the low-floor compensation are paid,
        //    each approved by the other member. In ¥61,100 (fund ¥6,000, households ¥29,100, subsidy ¥26,000), ¥100 refunded, out ¥61,000.
        var ledger = $"{item}/ledger";
        await treasurer.GotoAsync(ledger);
        await Assertions.Expect(treasurer.Locator("#ledger-balance")).ToHaveTextAsync("¥35,000.00");
        await treasurer.Locator("#income-source").SelectOptionAsync("CentralSubsidy");
        await treasurer.Locator("#income-amount").FillAsync("26000");
        await treasurer.Locator("#income-description").FillAsync("中央补助资金");
        await treasurer.Locator("#record-income").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#ledger-balance")).ToHaveTextAsync("¥61,000.00");
        foreach (var (amount, payee) in new[] { ("58000", "唐山某电梯工程有限公司"), ("3000", "101室、201室业主（低层补偿）") })
        {
            await treasurer.Locator("#expense-amount").FillAsync(amount);
            await treasurer.Locator("#expense-payee").FillAsync(payee);
            await treasurer.Locator("#enter-expense").ClickAsync();
            await Assertions.Expect(treasurer.Locator("#ledger-expenses")).ToContainTextAsync(payee);
        }
        await Assertions.Expect(treasurer.Locator("#ledger-expenses tbody tr .btn-success")).ToHaveCountAsync(0);
        var chair = await SignedInAsync("chair@example.com");
        await chair.GotoAsync(ledger);
        for (var i = 0; i < 2; i++)
        {
            await Assertions.Expect(chair.Locator("#ledger-expenses tbody tr .btn-success")).ToHaveCountAsync(2 - i);
            await chair.Locator("#ledger-expenses tbody tr .btn-success").First.ClickAsync();
        }
        await Assertions.Expect(chair.Locator("#ledger-expenses tbody tr .btn-success")).ToHaveCountAsync(0);
        await Assertions.Expect(chair.Locator("#ledger-in")).ToHaveTextAsync("¥61,100.00");
        await Assertions.Expect(chair.Locator("#ledger-out")).ToHaveTextAsync("¥61,000.00");
        await Assertions.Expect(chair.Locator("#ledger-balance")).ToHaveTextAsync("¥0.00");
        Assert.Equal(0, await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(itemId)));

        // 8) A year later the elevator runs: the works are finished (the projects feature moves the item; done directly here).
        await factory.WithDb(async db =>
        {
            var plan = await db.Set<PlanItem>().SingleAsync(i => i.Id == itemId);
            foreach (var next in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed })
                plan.MoveTo(next, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        factory.Clock.Offset = TimeSpan.FromDays(367);
        foreach (var p in owners.Values.Append(treasurer).Append(chair)) await p.Context.CloseAsync();
        treasurer = await SignedInAsync("treasurer@example.com");
        var year = Portal.Features.Shared.Shanghai.ToLocal(factory.Clock.GetUtcNow()).Year;

        // The committee issues the year's running-cost bill, shared by its own table: floors 1–2 pay nothing, the others equally.
        await treasurer.GotoAsync($"{item}/running-costs");
        await Assertions.Expect(treasurer.Locator("#rc-year")).ToHaveValueAsync(year.ToString());
        await treasurer.Locator("#rc-method").SelectOptionAsync("FloorCoefficient");
        foreach (var (i, name, yuan) in new[] { (0, "电梯电费", "3500"), (1, "电梯维保合同费", "6000"), (2, "电梯年检费", "500") })
        {
            await treasurer.Locator($"#rc-line-name-{i}").FillAsync(name);
            await treasurer.Locator($"#rc-line-amount-{i}").FillAsync(yuan);
        }
        await treasurer.Locator("#rc-coefficients summary").ClickAsync();
        for (var floor = 1; floor <= 7; floor++) await treasurer.Locator($"#rc-coef-{floor}").FillAsync(floor <= 2 ? "0" : "1");
        await treasurer.Locator("#issue-running-cost").ClickAsync();
        var bill = treasurer.Locator($"#bill-{year}");
        await Assertions.Expect(bill.Locator(".sum")).ToHaveTextAsync("¥10,000.00");
        await Assertions.Expect(bill.Locator("tr[data-flat='1-1-701'] .amount")).ToHaveTextAsync("¥2,000.00");
        await Assertions.Expect(bill.Locator("tr[data-flat='1-1-101'] .amount")).ToHaveTextAsync("¥0.00");
        // Next year's form starts from this bill (lines and table); issuing the same year again is refused and changes nothing.
        await Assertions.Expect(treasurer.Locator("#rc-line-name-1")).ToHaveValueAsync("电梯维保合同费");
        await Assertions.Expect(treasurer.Locator("#rc-coef-3")).ToHaveValueAsync("1");
        await treasurer.Locator("#rc-year").FillAsync(year.ToString());
        await treasurer.Locator("#issue-running-cost").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#running-cost-errors")).ToContainTextAsync("该项目本年度的运行维护费账单已经开具，不能重复开具。");
        Assert.Equal(1, await factory.WithDb(db => db.Set<RunningCostBill>().CountAsync(b => b.PlanItemId == itemId)));

        // 701 sees the bill on its funding page and pays by transfer with the bill's code; the statement import books it.
        var owner701 = await SignedInAsync("owner-701@example.com");
        await owner701.GotoAsync($"/c/{code}/funding/mine");
        var charge701 = owner701.Locator(".running-cost-charge");
        await Assertions.Expect(charge701.Locator(".amount")).ToHaveTextAsync("¥2,000.00");
        var billReference = (await charge701.Locator(".reference").TextContentAsync())!.Trim();
        Assert.True(TransferReference.IsValid(billReference), billReference);
        await treasurer.GotoAsync($"/c/{code}/funding/statements");
        await treasurer.Locator("#statement-file").SetInputFilesAsync(new FilePayload
        {
            Name = "共管账户流水2.csv", MimeType = "text/csv",
            Buffer = Encoding.GetEncoding("GB18030").GetBytes($"交易流水号,交易日期,币种,贷方金额,借方金额,对方户名,摘要\r\nS101,{year}-12-10,人民币,2000.00,,王七,运行维护费 {billReference}\r\n"),
        });
        await treasurer.Locator("#statement-import").ClickAsync();
        await Assertions.Expect(treasurer.Locator("#statement-lines tr[data-statement]").First.Locator(".running-cost")).ToBeVisibleAsync();
        await owner701.GotoAsync($"/c/{code}/funding/mine");
        await Assertions.Expect(owner701.Locator(".running-cost-charge .status")).ToHaveTextAsync("已缴清");

        // The late joiner: the committee sets the scheme's rule (own part plus 10%); 301 sees ¥5,500.00, joins and pays in cash.
        await treasurer.GotoAsync($"{item}/cost-sharing");
        await treasurer.Locator("#late-join-rule").SelectOptionAsync("ShareWithUplift");
        await treasurer.Locator("#late-join-percent").FillAsync("10");
        await treasurer.Locator("#save-late-join").ClickAsync();
        var owner301 = await SignedInAsync("owner-301@example.com");
        await owner301.GotoAsync(item);
        await Assertions.Expect(owner301.Locator("#late-join-amount")).ToHaveTextAsync("¥5,500.00");
        await owner301.Locator("#late-join-submit").ClickAsync();
        await Assertions.Expect(owner301.Locator("#my-late-join")).ToBeVisibleAsync();
        await Assertions.Expect(owner301.Locator("#transfer-amount")).ToHaveTextAsync("¥5,500.00");
        var late = await PledgeOfAsync("301");
        await treasurer.GotoAsync(item);
        await treasurer.Locator("#payment-pledge").SelectOptionAsync(late.Id.ToString());
        await treasurer.Locator("#payment-amount").FillAsync("5500");
        await treasurer.Locator("#payment-reference").FillAsync("现金收据 0001");
        await treasurer.Locator("#record-payment").ClickAsync();
        await Assertions.Expect(treasurer.Locator($"#pledge-{late.Id} .status")).ToHaveTextAsync("已缴清");
        await owner301.GotoAsync(item);
        await Assertions.Expect(owner301.Locator("#my-pledge-status")).ToHaveTextAsync("已缴清");

        // The ledger now holds the year's running costs paid and the late joiner's money, to the fen.
        await treasurer.GotoAsync(ledger);
        await Assertions.Expect(treasurer.Locator("#ledger-balance")).ToHaveTextAsync("¥7,500.00");
        await Assertions.Expect(treasurer.Locator("#ledger-in")).ToHaveTextAsync("¥68,600.00");
        Assert.Equal(750_000, await factory.Scoped(sp => sp.GetRequiredService<ProjectLedger>().BalanceAsync(itemId)));

        foreach (var p in new[] { treasurer, owner701, owner301 }) await p.Context.CloseAsync();
    }
}
