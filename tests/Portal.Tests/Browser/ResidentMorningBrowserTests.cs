using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Notices;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Browser;

/// <summary>An owner's morning on a 390 px phone: the compound home says what to do, and each thing done leaves the list.</summary>
public sealed class ResidentMorningBrowserTests
{
    [Fact]
    public async Task The_home_shows_a_vote_and_a_notice_to_do_voting_and_confirming_clear_them_and_then_nothing_is_left()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        var compound = await factory.CreateCompoundAsync("MORN", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var owner = await factory.CreateUserAsync("li.ayi@example.com", name: "李阿姨");
        await factory.LinkAsync(owner.Id, compound, compound.Flat("1-1-101"));
        await factory.CreateVoteAsync(compound, "楼道照明改造", new CivilCodeOrdinary(), Scope.WholeCompound);
        await factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var now = DateTimeOffset.UtcNow;
            var notice = new Notice(compound.Id, "停水通知", "2026年12月3日8:00至12:00停水，请提前储水。", NoticeCategory.Outage, NoticeReach.Compound, [],
                pinned: true, requiresAcknowledgement: true, now, now.AddDays(7), "test", now);
            db.Add(notice);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NoticeBoard>().PublishOrScheduleAsync(notice, CancellationToken.None);
        });

        var page = await browser.NewPageAsync(address);
        Assert.Equal(390, page.ViewportSize!.Width);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync("li.ayi@example.com");
        await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        await page.GotoAsync("/c/MORN");

        // 1. Two to-dos, each with its deadline and a large button, before the links to the sections.
        var todos = page.Locator("#todo-list .todo");
        await Assertions.Expect(todos).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".todo[data-kind='vote']")).ToContainTextAsync("楼道照明改造");
        await Assertions.Expect(page.Locator(".todo[data-kind='notice']")).ToContainTextAsync("停水通知");
        await Assertions.Expect(page.Locator(".todo[data-kind='vote'] .todo-due")).ToContainTextAsync("截止时间：");
        await AssertFitsTheScreenAsync(page);
        var button = await page.Locator(".todo[data-kind='vote'] a.todo-action").BoundingBoxAsync();
        Assert.True(button!.Height >= 44, $"the to-do button is {button.Height} px high");

        // 2. Voting clears one.
        await page.Locator(".todo[data-kind='vote'] a.todo-action").ClickAsync();
        await Assertions.Expect(page.Locator("#vote-title")).ToHaveTextAsync("楼道照明改造");
        await page.Locator(".ballot-form input[value='agree']").CheckAsync();
        await page.Locator(".cast-ballot").ClickAsync();
        await Assertions.Expect(page.Locator("#receipt-code")).ToBeVisibleAsync();
        await page.Locator("#compound-home-link").ClickAsync();
        await Assertions.Expect(todos).ToHaveCountAsync(1);
        await Assertions.Expect(todos.First).ToHaveAttributeAsync("data-kind", "notice");

        // 3. Confirming the notice clears the other.
        await page.Locator(".todo[data-kind='notice'] a.todo-action").ClickAsync();
        await Assertions.Expect(page.Locator("#notice-title")).ToHaveTextAsync("停水通知");
        await page.Locator("#notice-confirm").ClickAsync();
        await Assertions.Expect(page.Locator("#notice-confirmed")).ToBeVisibleAsync();
        await page.Locator("#compound-home-link").ClickAsync();

        // 4. Nothing is left to do.
        await Assertions.Expect(todos).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#todo-none")).ToHaveTextAsync("您目前没有待办事项。");
        await AssertFitsTheScreenAsync(page);
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width} px wide on a 390 px screen");
    }
}
