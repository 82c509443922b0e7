using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>A visitor in a real Chromium: registers, confirms the email from the admin's outbox, logs in, switches language.</summary>
public sealed class FirstVisitBrowserTests
{
    [Fact]
    public async Task Visitor_registers_confirms_from_the_outbox_logs_in_and_switches_to_english_and_back()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        await factory.CreateUserAsync("admin@example.com", admin: true);

        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.GetByRole(AriaRole.Link, new() { Name = "注册" }).First.ClickAsync();

        var email = $"visitor-{Guid.NewGuid():N}@example.com";
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("姓名").FillAsync("王秀英");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Spring-2026");
        await page.GetByLabel("确认密码").FillAsync("Spring-2026");
        await page.Locator("#Input_PrivacyConsent").CheckAsync();
        await page.Locator("#register-submit").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("请查收邮件");

        // The admin reads the confirmation email in the outbox (no email service is configured).
        var admin = await browser.NewPageAsync(address, phone: false);
        await admin.GotoAsync("/account/login");
        await admin.GetByLabel("电子邮箱").FillAsync("admin@example.com");
        await admin.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await admin.Locator("#login-submit").ClickAsync();
        await admin.GotoAsync($"/admin/outbox?to={Uri.EscapeDataString(email)}");
        var message = admin.Locator($".outbox-message[data-kind='account.confirm']");
        await Assertions.Expect(message).ToHaveCountAsync(1);
        var body = await message.Locator(".outbox-body").TextContentAsync();
        var link = body!.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("http"));

        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#email-confirmed")).ToBeVisibleAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync("Spring-2026");
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "认领我的房屋" })).ToBeVisibleAsync();

        await page.Locator("#switch-language").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Claim my flat" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.Locator("#switch-language").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "认领我的房屋" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
