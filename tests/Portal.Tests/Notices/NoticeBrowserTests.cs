using Microsoft.Playwright;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notices;

/// <summary>In a real Chromium: a construction notice that needs confirmation, from posting to the confirmation share.</summary>
public sealed class NoticeBrowserTests
{
    private static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        // The first sign-in of the run builds the pages it lands on: a loaded CI machine needs longer than the default.
        await page.WaitForURLAsync(url => !url.Contains("/account/login"), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 45_000 });
    }

    [Fact]
    public async Task Manager_posts_a_construction_notice_resident_sees_it_in_inbox_and_outbox_confirms_and_manager_sees_the_share()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        var compound = await factory.CreateCompoundAsync("BRW", buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var manager = await factory.CreateUserAsync("wuye@example.com");
        await factory.GrantAsync(manager.Id, compound, CompoundRoleKind.PropertyManager);
        var resident = await factory.CreateUserAsync("zhang@example.com");
        await factory.LinkAsync(resident.Id, compound, compound.Flat("1-1-201"));
        await factory.CreateUserAsync("admin@example.com", admin: true);

        var managerPage = await browser.NewPageAsync(address, phone: false);
        await LogInAsync(managerPage, "wuye@example.com");
        await managerPage.GotoAsync("/c/BRW");
        await managerPage.Locator("#menu-notices").ClickAsync();
        await managerPage.Locator("#notice-new").ClickAsync();
        await managerPage.GetByLabel("标题").FillAsync("外墙保温施工通知");
        await managerPage.GetByLabel("正文").FillAsync("12月1日起搭设脚手架，请关好窗户。");
        await managerPage.GetByLabel("类别").SelectOptionAsync("Construction");
        await managerPage.GetByLabel("需要住户确认已读").CheckAsync();
        await managerPage.Locator("#notice-submit").ClickAsync();
        await Assertions.Expect(managerPage.Locator("#notice-title")).ToHaveTextAsync("外墙保温施工通知");
        await Assertions.Expect(managerPage.Locator("#share-total")).ToContainTextAsync("0 / 4");

        var residentPage = await browser.NewPageAsync(address);
        await LogInAsync(residentPage, "zhang@example.com");
        await residentPage.GotoAsync("/inbox");
        await Eventually.Until(async () =>
        {
            if (await residentPage.Locator(".inbox-item").CountAsync() > 0) return true;
            await residentPage.ReloadAsync();
            return false;
        }, "the published notice to reach the resident's inbox");
        await Assertions.Expect(residentPage.Locator("#inbox-badge")).ToHaveTextAsync("1");
        await Assertions.Expect(residentPage.Locator(".inbox-item .inbox-title")).ToContainTextAsync("外墙保温施工通知");

        var adminPage = await browser.NewPageAsync(address, phone: false);
        await LogInAsync(adminPage, "admin@example.com");
        await adminPage.GotoAsync("/admin/outbox?to=zhang%40example.com");
        var email = adminPage.Locator(".outbox-message[data-kind='notify.NoticePublished']");
        await Assertions.Expect(email).ToHaveCountAsync(1);
        await Assertions.Expect(email.Locator(".outbox-subject")).ToContainTextAsync("外墙保温施工通知");

        await residentPage.Locator(".inbox-item a").First.ClickAsync();
        await Assertions.Expect(residentPage.Locator("#notice-title")).ToHaveTextAsync("外墙保温施工通知");
        await residentPage.Locator("#notice-confirm").ClickAsync();
        await Assertions.Expect(residentPage.Locator("#notice-confirmed")).ToBeVisibleAsync();

        await managerPage.ReloadAsync();
        await Assertions.Expect(managerPage.Locator("#share-total")).ToContainTextAsync("1 / 4");
        await Assertions.Expect(managerPage.Locator("#share-total")).ToContainTextAsync("25%");

        await managerPage.Context.CloseAsync();
        await residentPage.Context.CloseAsync();
        await adminPage.Context.CloseAsync();
    }
}
