using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Browser;

/// <summary>
/// Issue 13's "done when", in a real Chromium: a building-scoped elevator vote from the rules of procedure to the final
/// result notice. The clock is moved through the notice period, the voting period, the counting window and two objection
/// periods; the vote's own Hangfire jobs open and close it. Owners use a 390 px phone viewport, the committee a desk.
/// </summary>
public sealed class VoteProcedureBrowserTests
{
    private static string Local(DateTimeOffset utc, string format) => Shanghai.ToLocal(utc).ToString(format);
    private static string Date(DateTimeOffset utc) { var l = Shanghai.ToLocal(utc); return $"{l.Year}年{l.Month}月{l.Day}日"; }

    [Fact]
    public async Task Elevator_vote_from_the_rules_through_paper_ballots_counting_scrutiny_and_a_corrected_objection_to_the_final_notice()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new VotesFactory();
        var address = factory.StartKestrel();
        // Building 1: six owners of 50.00 m² each (domain.md's worked example); building 2 is outside the vote.
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PRC"), buildings: 2, entrances: 1, floors: 3, flatsPerFloor: 2);
        var committeeEmail = $"committee-{Guid.NewGuid():N}@example.com";
        await factory.GrantAsync((await factory.CreateUserAsync(committeeEmail, name: "业委会主任")).Id, c, CompoundRoleKind.Committee);
        var accounts = new Dictionary<string, (string Id, string Email)>();
        foreach (var (label, name) in new[] { ("1-1-101", "张桂兰"), ("1-1-102", "李建国"), ("1-1-201", "王秀英"), ("1-1-202", "赵志强"),
                     ("1-1-301", "刘淑珍"), ("1-1-302", "陈德明"), ("2-1-101", "孙丽") })
        {
            var email = $"owner-{label}-{Guid.NewGuid():N}@example.com";
            var user = await factory.CreateUserAsync(email, name: name);
            await factory.LinkAsync(user.Id, c, c.Flat(label));
            accounts[label] = (user.Id, email);
        }
        Task<IPage> Owner(string label) => browser.SignInAsync(address, accounts[label].Email);

        // 1. The committee sets the rules of procedure and creates the vote.
        var desk = await browser.SignInAsync(address, committeeEmail, phone: false);
        await desk.GotoAsync($"/c/{c.Code}/votes/rules");
        await desk.Locator("#Input_NoticeDays").FillAsync("7");
        await desk.Locator("#Input_MinVotingDays").FillAsync("7");
        await desk.Locator("#Input_ObjectionDays").FillAsync("3");
        await desk.Locator("#Input_CountingDays").FillAsync("2");
        await desk.Locator("#Input_Precedence").SelectOptionAsync("online-prevails");
        await desk.Locator("#save-rules").ClickAsync();
        await Assertions.Expect(desk.Locator("#rules-updated")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator("#Input_CountingDays")).ToHaveValueAsync("2");

        // To the minute: Chromium drops ":00" seconds from a datetime-local value, which Playwright then calls malformed.
        var now = factory.Clock.GetUtcNow();
        var start = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        await desk.GotoAsync($"/c/{c.Code}/votes/new");
        await desk.Locator("#Input_Title").FillAsync("1号楼加装电梯");
        await desk.Locator("#Input_Rule").SelectOptionAsync("civil-code-major");
        await desk.Locator("#Input_Scope").SelectOptionAsync($"b:{c.Building("1").Id}");
        await desk.Locator("#Input_Body").FillAsync("在1号楼北侧加装电梯一部，**工程预算48万元**。\n\n- 费用按楼层系数分摊\n- 一、二层不分摊");
        await desk.Locator("#Input_Elevator").CheckAsync();
        await desk.Locator("#Input_ObjectionPeriodDays").FillAsync("3");
        // Opening in three days is less than the building's seven days' notice: refused, and what was typed is kept.
        await desk.Locator("#Input_OpensAt").FillAsync(Local(start.AddDays(3), "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#Input_ClosesAt").FillAsync(Local(start.AddDays(10), "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#create-vote").ClickAsync();
        await Assertions.Expect(desk.Locator(".validation-summary-errors")).ToContainTextAsync("公告期短于本小区议事规则的要求");
        await Assertions.Expect(desk.Locator("#Input_Title")).ToHaveValueAsync("1号楼加装电梯");
        var opensAt = start.AddDays(7).AddHours(1);
        var closesAt = opensAt.AddDays(7);
        await desk.Locator("#Input_OpensAt").FillAsync(Local(opensAt, "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#Input_ClosesAt").FillAsync(Local(closesAt, "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#create-vote").ClickAsync();
        await Assertions.Expect(desk.Locator("#vote-status")).ToHaveAttributeAsync("data-status", "Draft");
        var voteUrl = new Uri(desk.Url).AbsolutePath;
        var voteId = long.Parse(voteUrl.Split('/').Last());

        // 2. The announcement reaches the building's owners at once, with the full text, the rules and the dates; not building 2.
        var first = await Owner("1-1-101");
        await first.GotoAsync($"/c/{c.Code}/notices");
        var announcement = first.Locator(".notice-item", new() { HasText = "表决公告：1号楼加装电梯" });
        await Assertions.Expect(announcement).ToHaveCountAsync(1);
        await announcement.ClickAsync();
        await Assertions.Expect(first.Locator("#notice-body strong")).ToHaveTextAsync("工程预算48万元");
        await Assertions.Expect(first.Locator("#notice-body")).ToContainTextAsync("表决开始前公告7日");
        await Assertions.Expect(first.Locator("#notice-body")).ToContainTextAsync("表决规则：须双四分之三同意的事项");
        await Assertions.Expect(first.Locator("#notice-body")).ToContainTextAsync(Date(opensAt));
        await first.GotoAsync(voteUrl);
        await Assertions.Expect(first.Locator(".matter-body strong")).ToHaveTextAsync("工程预算48万元");
        await Assertions.Expect(first.Locator(".ballot-form")).ToHaveCountAsync(0); // not open yet
        var outsider = await Owner("2-1-101");
        await outsider.GotoAsync($"/c/{c.Code}/notices");
        await Assertions.Expect(outsider.Locator(".notice-item", new() { HasText = "1号楼加装电梯" })).ToHaveCountAsync(0);
        await outsider.Context.CloseAsync();

        // 3. The notice period passes; the vote's scheduled job opens it.
        factory.Clock.Offset = TimeSpan.FromDays(7) + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);
        await RunScheduledAsync(factory, nameof(VoteJobs.OpenAsync), voteId);
        await Eventually.Until(() => factory.VoteAsync(voteId), v => v.Status == VoteStatus.Open, "the scheduled job to open the vote", TimeSpan.FromSeconds(60));
        await first.GotoAsync($"{voteUrl}/result");
        await Assertions.Expect(first.Locator("#result-pending-text")).ToContainTextAsync($"表决进行中，结果将于{Date(closesAt.AddDays(2))}");
        await first.Locator("#result-vote-link").ClickAsync();
        await Assertions.Expect(first.Locator("#vote-status")).ToHaveAttributeAsync("data-status", "Open");
        await Assertions.Expect(first.Locator("#precedence-rule")).ToContainTextAsync("线上投票为准");

        // 4. Two owners vote online on their phones ...
        var receipts = new Dictionary<string, string>();
        foreach (var (label, page) in new[] { ("1-1-101", first), ("1-1-102", await Owner("1-1-102")) })
        {
            await page.GotoAsync(voteUrl);
            await page.Locator(".ballot-form input[value='agree']").CheckAsync();
            await page.Locator(".cast-ballot").ClickAsync();
            receipts[label] = (await page.Locator("#receipt-code").TextContentAsync())!.Trim();
            await Assertions.Expect(page.Locator(".my-choice")).ToHaveTextAsync("同意");
            if (page != first) await page.Context.CloseAsync();
        }
        // ... and the committee prints the numbered ballot papers and enters one owner's paper with its code.
        await desk.GotoAsync($"{voteUrl}/papers");
        await desk.Locator("#print-papers").ClickAsync();
        await Assertions.Expect(desk.Locator(".ballot-paper")).ToHaveCountAsync(6);
        string PaperCode(string label) => desk.Locator($".ballot-paper[data-flat='{c.Flat(label).Id}'] .paper-code").TextContentAsync().Result!.Trim();
        var paper201 = PaperCode("1-1-201");
        var paper202 = PaperCode("1-1-202");
        var paper101 = PaperCode("1-1-101");
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", paper201);
        await Assertions.Expect(desk.Locator($".ballot-paper[data-flat='{c.Flat("1-1-201").Id}'] .matter-body strong")).ToHaveTextAsync("工程预算48万元");

        var today = Local(factory.Clock.GetUtcNow(), "yyyy-MM-dd");
        await desk.GotoAsync($"{voteUrl}/paper");
        await desk.Locator("#Input_FlatId").SelectOptionAsync(c.Flat("1-1-201").Id.ToString());
        await desk.Locator("select[id^='paper-choice-']").SelectOptionAsync("agree");
        await desk.Locator("#Input_PaperDate").FillAsync(today);
        await desk.Locator("#Input_PaperCode").FillAsync(paper201);
        await desk.Locator("#record-paper").ClickAsync();
        await Assertions.Expect(desk.Locator("[role=status]").First).ToContainTextAsync("1-1-201");

        // 5. A paper ballot for an owner who voted online is refused (online prevails) and changes nothing.
        await desk.Locator("#Input_FlatId").SelectOptionAsync(c.Flat("1-1-101").Id.ToString());
        await desk.Locator("select[id^='paper-choice-']").SelectOptionAsync("oppose");
        await desk.Locator("#Input_PaperDate").FillAsync(today);
        await desk.Locator("#Input_PaperCode").FillAsync(paper101);
        await desk.Locator("#record-paper").ClickAsync();
        await Assertions.Expect(desk.Locator("#paper-errors")).ToContainTextAsync("该业主已在线投票");
        await Assertions.Expect(desk.Locator("#Input_PaperCode")).ToHaveValueAsync(paper101);
        Assert.Equal(3, (await factory.TallyAsync(voteId)).Single().Participated.Owners);

        // 6. Closing time passes; the vote's job closes it for counting. A paper handed in before closing is entered now.
        factory.Clock.Offset = TimeSpan.FromDays(14) + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2);
        await RunScheduledAsync(factory, nameof(VoteJobs.CloseAsync), voteId);
        await Eventually.Until(() => factory.VoteAsync(voteId), v => v.Status == VoteStatus.Counting, "the scheduled job to close the vote", TimeSpan.FromSeconds(60));
        await desk.GotoAsync($"{voteUrl}/paper");
        await desk.Locator("#Input_FlatId").SelectOptionAsync(c.Flat("1-1-202").Id.ToString());
        await desk.Locator("select[id^='paper-choice-']").SelectOptionAsync("agree"); // mis-entered: the paper says oppose
        await desk.Locator("#Input_ReceivedAt").FillAsync(Local(closesAt.AddMinutes(-30), "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#Input_PaperCode").FillAsync(paper202);
        await desk.Locator("#record-paper").ClickAsync();
        await Assertions.Expect(desk.Locator("[role=status]").First).ToContainTextAsync("1-1-202");
        // One received after closing is refused.
        await desk.Locator("#Input_FlatId").SelectOptionAsync(c.Flat("1-1-301").Id.ToString());
        await desk.Locator("select[id^='paper-choice-']").SelectOptionAsync("agree");
        await desk.Locator("#Input_ReceivedAt").FillAsync(Local(closesAt.AddMinutes(30), "yyyy-MM-ddTHH:mm"));
        await desk.Locator("#record-paper").ClickAsync();
        await Assertions.Expect(desk.Locator("#paper-errors")).Not.ToBeEmptyAsync();
        Assert.Equal(4, (await factory.TallyAsync(voteId)).Single().Participated.Owners);

        // 7. The committee names two owners who are not committee members; after the counting window each signs off.
        await desk.GotoAsync($"{voteUrl}/result");
        await desk.Locator($"#scr-{accounts["1-1-301"].Id}").CheckAsync();
        await desk.Locator($"#scr-{accounts["1-1-302"].Id}").CheckAsync();
        await desk.Locator("#name-scrutineers").ClickAsync();
        await Assertions.Expect(desk.Locator("#scrutineer-list .scrutineer")).ToHaveCountAsync(2);
        var public202 = await Owner("1-1-202");
        await public202.GotoAsync($"{voteUrl}/result");
        await Assertions.Expect(public202.Locator("#count-pending")).ToBeVisibleAsync(); // no numbers before sign-off
        await Assertions.Expect(public202.Locator(".matter-result")).ToHaveCountAsync(0);
        await Assertions.Expect(public202.Locator("#receipt-list")).ToHaveCountAsync(0); // nor the choices behind the receipts
        await Assertions.Expect(public202.Locator("#result-heading")).ToHaveTextAsync("表决结果"); // not yet a posted result

        factory.Clock.Offset = TimeSpan.FromDays(16) + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(3);
        foreach (var label in new[] { "1-1-301", "1-1-302" })
        {
            var scrutineer = await Owner(label);
            await scrutineer.GotoAsync($"{voteUrl}/result");
            await Assertions.Expect(scrutineer.Locator(".matter-result .row-participated .owners")).ToHaveTextAsync("4");
            await scrutineer.Locator("#sign-off").ClickAsync();
            await Assertions.Expect(scrutineer.Locator($"#scrutineer-list .scrutineer[data-signed='true']", new() { HasText = label == "1-1-301" ? "刘淑珍" : "陈德明" })).ToHaveCountAsync(1);
            await scrutineer.Context.CloseAsync();
        }

        // 8. The preliminary result is posted: 4 of 6 took part, all four agree as entered.
        await public202.ReloadAsync();
        await Assertions.Expect(public202.Locator("#result-status")).ToHaveAttributeAsync("data-status", "Preliminary");
        await Assertions.Expect(public202.Locator("#result-heading")).ToHaveTextAsync("表决结果初步统计公示");
        await Assertions.Expect(public202.Locator(".row-agree .owners")).ToHaveTextAsync("4");
        var firstRound = await factory.VoteAsync(voteId);

        // 9. The owner of 1-1-202 objects; the committee corrects the mis-entered paper ballot with evidence.
        await public202.Locator("#ObjectionText").FillAsync("我家的纸质表决票填的是反对，公示却计为同意。");
        await public202.Locator("#objection-submit").ClickAsync();
        await Assertions.Expect(public202.Locator(".objection")).ToContainTextAsync("计为同意");
        await desk.ReloadAsync();
        var form = desk.Locator(".correct-form").First;
        await form.Locator(".correct-flat").SelectOptionAsync(c.Flat("1-1-202").Id.ToString());
        await form.Locator(".correct-choice").SelectOptionAsync("oppose");
        await form.Locator(".correct-evidence").FillAsync("纸质票原件（编号见投票码清单）为反对，录入时误选同意");
        await form.Locator(".correct-answer").FillAsync("异议成立，已按纸质票原件更正并重新公示");
        await form.Locator(".correct-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#preliminary-round")).ToHaveAttributeAsync("data-round", "2");
        await Assertions.Expect(desk.Locator(".correction")).ToContainTextAsync("误选同意");
        var secondRound = await factory.VoteAsync(voteId);
        Assert.True(secondRound.ObjectionDeadline > firstRound.ObjectionDeadline);
        await public202.ReloadAsync();
        await Assertions.Expect(public202.Locator(".row-agree .owners")).ToHaveTextAsync("3");
        await Assertions.Expect(public202.Locator(".row-oppose .owners")).ToHaveTextAsync("1");
        await Assertions.Expect(public202.Locator(".objection-answer")).ToContainTextAsync("异议成立");
        await Assertions.Expect(public202.Locator("#result-notice-period"))
            .ToHaveTextAsync($"公示期：{Date(secondRound.PreliminaryAt!.Value)}起至{Date(secondRound.ObjectionDeadline!.Value)} {Local(secondRound.ObjectionDeadline!.Value, "HH:mm")}止。");
        await Assertions.Expect(desk.Locator("#publish-final")).ToBeDisabledAsync(); // the new objection period runs
        await public202.Context.CloseAsync();

        // 10. After the new objection period the committee posts the final result notice.
        factory.Clock.Offset += TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1);
        await desk.ReloadAsync();
        await desk.Locator("#publish-final").ClickAsync();
        await Assertions.Expect(desk.Locator("#result-status")).ToHaveAttributeAsync("data-status", "Final");
        var final = await factory.VoteAsync(voteId);

        var notice = await Owner("1-1-201"); // the paper voter, on their phone
        await notice.GotoAsync($"{voteUrl}/result");
        await Assertions.Expect(notice.Locator("#result-heading")).ToHaveTextAsync("表决结果公告");
        await Assertions.Expect(notice.Locator("#result-convener")).ToHaveTextAsync($"{c.Compound.Name}业主委员会");
        await Assertions.Expect(notice.Locator("#result-compound-address")).ToContainTextAsync(c.Compound.Address);
        await Assertions.Expect(notice.Locator("#result-electorate")).ToHaveTextAsync("房屋6户，业主6人，专有部分面积300.00㎡");
        await Assertions.Expect(notice.Locator(".matter-body strong")).ToHaveTextAsync("工程预算48万元");
        await Assertions.Expect(notice.Locator(".matter-rule")).ToContainTextAsync("表决规则：");
        await Assertions.Expect(notice.Locator(".legal-basis")).ToContainTextAsync("四分之三以上");
        await Assertions.Expect(notice.Locator(".legal-elevator")).ToContainTextAsync("第七项");
        var rows = new (string Row, string Owners, string OwnersPct, string Area, string AreaPct)[]
        {
            ("row-eligible", "6", "100.0%", "300.00", "100.0%"),
            ("row-participated", "4", "66.7%", "200.00", "66.7%"),
            ("row-not-participated", "2", "33.3%", "100.00", "33.3%"),
            ("row-agree", "3", "75.0%", "150.00", "75.0%"),
            ("row-oppose", "1", "25.0%", "50.00", "25.0%"),
            ("row-abstain", "0", "0.0%", "0.00", "0.0%"),
            ("row-invalid", "0", "0.0%", "0.00", "0.0%"),
        };
        foreach (var (row, owners, ownersPct, area, areaPct) in rows)
        {
            var tr = notice.Locator($".result-table tr.{row}");
            await Assertions.Expect(tr.Locator(".owners")).ToHaveTextAsync(owners);
            await Assertions.Expect(tr.Locator(".pct-owners")).ToHaveTextAsync(ownersPct);
            await Assertions.Expect(tr.Locator(".area")).ToHaveTextAsync(area);
            await Assertions.Expect(tr.Locator(".pct-area")).ToHaveTextAsync(areaPct);
        }
        // Exactly two thirds take part and exactly three quarters agree: the elevator passes.
        await Assertions.Expect(notice.Locator(".quorum")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(notice.Locator(".outcome")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(notice.Locator(".channel-row[data-channel='online'] .owners")).ToHaveTextAsync("2");
        await Assertions.Expect(notice.Locator(".channel-row[data-channel='paper'] .owners")).ToHaveTextAsync("2");
        await Assertions.Expect(notice.Locator(".channel-row[data-channel='assisted'] .owners")).ToHaveTextAsync("0");
        await Assertions.Expect(notice.Locator(".channel-row[data-channel='proxy'] .owners")).ToHaveTextAsync("0");
        await Assertions.Expect(notice.Locator("#result-counted-at")).ToHaveTextAsync($"{Date(final.CountedAt!.Value)} {Local(final.CountedAt!.Value, "HH:mm")}");
        await Assertions.Expect(notice.Locator("#result-scrutineers")).ToHaveTextAsync("监票人、计票人：刘淑珍、陈德明");
        await Assertions.Expect(notice.Locator("#result-how-to-object")).ToContainTextAsync("共收到异议1件");
        await Assertions.Expect(notice.Locator("#result-court")).ToContainTextAsync("一年内");
        await Assertions.Expect(notice.Locator("#result-seal")).ToHaveTextAsync("盖章处");
        await Assertions.Expect(notice.Locator("#result-signature")).ToContainTextAsync($"{c.Compound.Name}业主委员会（盖章）");
        await Assertions.Expect(notice.Locator("#result-date")).ToHaveTextAsync(Date(final.FinalAt!.Value));

        // The paper voter finds their paper code in the receipt list; no names or flats are listed.
        var listed = await notice.Locator("#receipt-list .receipt").AllTextContentsAsync();
        Assert.Equal(4, listed.Count);
        Assert.Contains(PaperCodes.Normalise(paper201), listed.Select(PaperCodes.Normalise));
        Assert.Contains(PaperCodes.Normalise(paper202), listed.Select(PaperCodes.Normalise));
        Assert.All(receipts.Values, r => Assert.Contains(r, listed));
        Assert.DoesNotContain("王秀英", await notice.Locator("#receipts").TextContentAsync());
        await notice.Locator("#Code").FillAsync(paper201.ToLowerInvariant());
        await notice.Locator("#receipt-lookup-submit").ClickAsync();
        await Assertions.Expect(notice.Locator("#receipt-lookup-result")).ToHaveAttributeAsync("data-found", "true");
        await Assertions.Expect(notice.Locator("#receipt-lookup-result")).ToContainTextAsync($"投票码{PaperCodes.Normalise(paper201)}已计入，表决意见：同意");
        await Assertions.Expect(notice.Locator(".receipt-found .receipt")).ToHaveTextAsync(PaperCodes.Normalise(paper201));

        // Printed: the notice on A4 without the site's header, footer, forms or the receipt list.
        await notice.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(notice.Locator("#result-notice")).ToBeVisibleAsync();
        await Assertions.Expect(notice.Locator("footer.site-footer")).ToBeHiddenAsync();
        await Assertions.Expect(notice.Locator("header.site-header")).ToBeHiddenAsync();
        await Assertions.Expect(notice.Locator("#objections")).ToBeHiddenAsync();
        await Assertions.Expect(notice.Locator("#receipts")).ToBeHiddenAsync();
        await notice.Context.CloseAsync();
        await first.Context.CloseAsync();
        await desk.Context.CloseAsync();

        // The audit log agrees, in process and through the operator's commands.
        var verification = await factory.VerifyAsync(voteId);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
        var env = new Dictionary<string, string> { ["ConnectionStrings__Portal"] = $"Data Source={factory.DatabasePath}" };
        var verify = await PortalProcess.RunAsync(factory.Folder, env, "verify-audit", "--vote", voteId.ToString());
        Assert.True(verify.ExitCode == 0, verify.Stdout + verify.Stderr);
        Assert.EndsWith("ok", verify.Stdout.Trim());
        var tally = await PortalProcess.RunAsync(factory.Folder, env, "tally", "--vote", voteId.ToString(), "--json");
        Assert.Equal(0, tally.ExitCode);
        using var json = JsonDocument.Parse(tally.Stdout);
        Assert.Equal("final", json.RootElement.GetProperty("status").GetString());
        var matter = json.RootElement.GetProperty("matters")[0];
        Assert.Equal(4, matter.GetProperty("participated").GetProperty("owners").GetInt32());
        Assert.Equal(3, matter.GetProperty("agree").GetProperty("owners").GetInt32());
        Assert.Equal(2, matter.GetProperty("by_channel").GetProperty("paper").GetProperty("owners").GetInt32());
        Assert.True(matter.GetProperty("passed").GetBoolean());
    }

    /// <summary>Runs the vote's scheduled Hangfire job now (the clock was moved past its time).</summary>
    private static async Task RunScheduledAsync(VotesFactory factory, string method, long voteId)
    {
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var job = await Eventually.Until(() => Task.FromResult(storage.GetMonitoringApi().ScheduledJobs(0, 500)
                .FirstOrDefault(j => j.Value.Job.Method.Name == method && (long)j.Value.Job.Args[0] == voteId).Key),
            id => id is not null, $"the scheduled {method} of vote {voteId}", TimeSpan.FromSeconds(10));
        factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(job);
    }

}
