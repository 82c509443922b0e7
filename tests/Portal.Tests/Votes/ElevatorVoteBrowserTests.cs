using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Web;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>
/// The issue's "done when": a building-scoped elevator vote from opening to the final result, in a real Chromium,
/// closed by its Hangfire job, with the count checked against domain.md's rules and the audit log.
/// </summary>
public sealed class ElevatorVoteBrowserTests
{
    [Fact]
    public async Task Elevator_vote_from_opening_through_paper_ballot_and_objection_to_final_result()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new VotesFactory();
        var address = factory.StartKestrel();
        // Building 1: six owners of 50.00 m² each (the worked example); building 2 is outside the vote.
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("ELV"), buildings: 2, entrances: 1, floors: 3, flatsPerFloor: 2);
        await factory.RelaxVoteRulesAsync(c);
        var committeeEmail = $"committee-{Guid.NewGuid():N}@example.com";
        await factory.GrantAsync((await factory.CreateUserAsync(committeeEmail)).Id, c, CompoundRoleKind.Committee);
        var owners = new[] { "1-1-101", "1-1-102", "1-1-201" }.Select(label => (Label: label, Email: $"owner-{label}-{Guid.NewGuid():N}@example.com")).ToList();
        foreach (var (label, email) in owners)
        {
            var user = await factory.CreateUserAsync(email);
            await factory.LinkAsync(user.Id, c, c.Flat(label));
        }

        var committee = await browser.SignInAsync(address, committeeEmail, phone: false);
        await committee.GotoAsync($"/c/{c.Code}/votes/new");
        await committee.Locator("#Input_Title").FillAsync("1号楼加装电梯");
        await committee.Locator("#Input_Rule").SelectOptionAsync("civil-code-major");
        await committee.Locator("#Input_Scope").SelectOptionAsync($"b:{c.Building("1").Id}");
        var closesLocal = Shanghai.ToLocal(factory.Clock.GetUtcNow().AddHours(1));
        await committee.Locator("#Input_ClosesAt").FillAsync(closesLocal.ToString("yyyy-MM-ddTHH:mm"));
        await committee.Locator("#Input_ObjectionPeriodDays").FillAsync("1");
        await committee.Locator("#create-vote").ClickAsync();
        await Assertions.Expect(committee.Locator("#vote-status")).ToHaveAttributeAsync("data-status", "Open");
        var voteUrl = new Uri(committee.Url).AbsolutePath;
        var voteId = long.Parse(voteUrl.Split('/').Last());

        // Three owners vote online; the second changes their mind (oppose → agree); the third opposes.
        var receipts = new List<string>();
        IPage? firstOwner = null;
        foreach (var (i, choice) in new[] { (0, "agree"), (1, "oppose"), (2, "oppose") })
        {
            var page = await browser.SignInAsync(address, owners[i].Email);
            await page.GotoAsync(voteUrl);
            await page.Locator($".ballot-form input[value='{choice}']").CheckAsync();
            await page.Locator(".cast-ballot").ClickAsync();
            receipts.Add((await page.Locator("#receipt-code").TextContentAsync())!.Trim());
            if (i == 1)
            {
                await page.Locator(".ballot-form input[value='agree']").CheckAsync();
                await page.Locator(".cast-ballot").ClickAsync();
                receipts[1] = (await page.Locator("#receipt-code").TextContentAsync())!.Trim();
                await Assertions.Expect(page.Locator(".my-choice")).ToHaveTextAsync("同意");
            }
            if (i == 0) firstOwner = page; else await page.Context.CloseAsync();
        }

        // An elderly owner's paper ballot, recorded by the committee.
        await committee.GotoAsync($"{voteUrl}/paper");
        await committee.Locator("#Input_FlatId").SelectOptionAsync(c.Flat("1-1-202").Id.ToString());
        await committee.Locator("select[id^='paper-choice-']").SelectOptionAsync("agree");
        await committee.Locator("#Input_PaperDate").FillAsync("2026-11-28");
        await committee.Locator("#record-paper").ClickAsync();
        await Assertions.Expect(committee.Locator(".alert-success, [role=status]").First).ToContainTextAsync("1-1-202");

        // Live: 4 of 6 owners and 200 of 300 m² took part (66.7%); 3 of 4 and 150 of 200 m² agree (75.0%).
        await committee.GotoAsync($"{voteUrl}/live");
        var matter = committee.Locator(".matter-live").First;
        await Assertions.Expect(matter.Locator("tr[id^='participation-'] .pct-owners")).ToHaveTextAsync("66.7%");
        await Assertions.Expect(matter.Locator("tr[id^='participation-'] .pct-area")).ToHaveTextAsync("66.7%");
        await Assertions.Expect(matter.Locator("tr[id^='agree-'] .pct-owners")).ToHaveTextAsync("75.0%");
        await Assertions.Expect(matter.Locator("tr[id^='agree-'] .pct-area")).ToHaveTextAsync("75.0%");
        await Assertions.Expect(matter.Locator("[id^='quorum-']")).ToHaveAttributeAsync("data-met", "true");
        await Assertions.Expect(matter.Locator("[id^='passing-']")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(committee.Locator("#non-voters li")).ToHaveTextAsync(["1-1-301", "1-1-302"]);
        await Assertions.Expect(committee.Locator("canvas.live-chart")).ToHaveCountAsync(1);

        // Closing time passes; the vote's own scheduled Hangfire job closes it.
        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5);
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var closeJob = storage.GetMonitoringApi().ScheduledJobs(0, 100)
            .Single(j => j.Value.Job.Method.Name == nameof(Portal.Features.Votes.VoteJobs.CloseAsync) && (long)j.Value.Job.Args[0] == voteId).Key;
        factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(closeJob);
        var closed = await Eventually.Until(() => factory.VoteAsync(voteId), v => v.Status != VoteStatus.Open, "the scheduled job to close the vote", TimeSpan.FromSeconds(90));
        Assert.Equal(VoteStatus.Counting, closed.Status);
        await factory.SignOffIfDueAsync(voteId); // no counting days under the relaxed rules: two scrutineers sign off
        Assert.Equal(VoteStatus.Preliminary, (await factory.VoteAsync(voteId)).Status);

        // An owner objects during the objection period; the committee answers.
        await firstOwner!.GotoAsync($"{voteUrl}/result");
        await Assertions.Expect(firstOwner.Locator("#result-status")).ToHaveAttributeAsync("data-status", "Preliminary");
        await firstOwner.Locator("#ObjectionText").FillAsync("请公布纸质票的登记情况");
        await firstOwner.Locator("#objection-submit").ClickAsync();
        await committee.GotoAsync($"{voteUrl}/result");
        await committee.Locator(".answer-form textarea").FillAsync("纸质票原件存业委会办公室，欢迎查阅");
        await committee.Locator(".answer-submit").ClickAsync();
        await Assertions.Expect(committee.Locator(".objection-answer")).ToContainTextAsync("欢迎查阅");
        await Assertions.Expect(committee.Locator("#publish-final")).ToBeDisabledAsync(); // the period is still running

        factory.Clock.Offset += TimeSpan.FromDays(1);
        await committee.ReloadAsync();
        await committee.Locator("#publish-final").ClickAsync();
        await Assertions.Expect(committee.Locator("#result-status")).ToHaveAttributeAsync("data-status", "Final");
        await Assertions.Expect(committee.Locator(".matter-result .outcome")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(committee.Locator("#result-qr")).ToBeVisibleAsync();

        // The receipt list: four codes with choices, each owner finds their own; no names or flats.
        await firstOwner.ReloadAsync();
        await Assertions.Expect(firstOwner.Locator("#receipt-list .receipt")).ToHaveCountAsync(4);
        var listed = await firstOwner.Locator("#receipt-list .receipt").AllTextContentsAsync();
        Assert.All(receipts, r => Assert.Contains(r, listed));
        Assert.DoesNotContain("1-1-101", await firstOwner.Locator("#receipts").TextContentAsync());

        // The count equals domain.md's rules, and the audit log agrees — in process and through the ops command.
        var result = (await factory.TallyAsync(voteId)).Single();
        Assert.Equal(new Weight(6, 30_000), result.Eligible);
        Assert.Equal(new Weight(4, 20_000), result.Participated);
        Assert.Equal(new Weight(3, 15_000), result.Agree);
        Assert.True(3 * result.Participated.AreaCents >= 2 * result.Eligible.AreaCents && 3 * result.Participated.Owners >= 2 * result.Eligible.Owners);
        Assert.True(4 * result.Agree.AreaCents >= 3 * result.Participated.AreaCents && 4 * result.Agree.Owners >= 3 * result.Participated.Owners);
        Assert.True(result.QuorumMet && result.Passed);
        Assert.True((await factory.VerifyAsync(voteId)).Ok);
        var verify = await PortalProcess.RunAsync(factory.Folder,
            new Dictionary<string, string> { ["ConnectionStrings__Portal"] = $"Data Source={factory.DatabasePath}" }, "verify-audit", "--vote", voteId.ToString());
        Assert.Equal(0, verify.ExitCode);

        await firstOwner.Context.CloseAsync();
        await committee.Context.CloseAsync();
    }

}
