using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>In a real Chromium at a 390 px phone viewport: sign-up with a phone number and the SMS code.</summary>
public sealed class PhoneBrowserTests
{
    [Fact]
    public async Task A_new_owner_signs_up_on_a_phone_with_the_sms_code_from_the_aliyun_stand_in()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var stub = await AliyunStandIn.StartAsync();
        await using var factory = AliyunStandIn.Portal(stub);
        var address = factory.StartKestrel();
        var page = await browser.NewPageAsync(address);
        Assert.Equal(390, page.ViewportSize!.Width);

        await page.GotoAsync("/account/login");
        await page.Locator("#login-with-phone").ClickAsync();
        await page.WaitForURLAsync("**/account/phone**");
        var phone = PhoneTestKit.NewMobile();
        var input = page.Locator("#phone-send input[name=Phone]");
        Assert.Equal("tel", await input.GetAttributeAsync("type"));
        await input.FillAsync(phone);
        await page.Locator("#phone-send-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#phone-code-sent")).ToContainTextAsync(phone[..3] + "****" + phone[^4..]);

        // The stand-in verified the signature before answering OK; the code is in the TemplateParam it received.
        var request = Assert.Single(stub.Requests);
        var parameters = AliyunStandIn.Parameters(request);
        Assert.True(AliyunStandIn.SignatureHolds(parameters));
        var code = JsonDocument.Parse(parameters["TemplateParam"]).RootElement.GetProperty("code").GetString()!;

        await page.Locator("#Code").FillAsync(code);
        await page.Locator("#Consent").CheckAsync();
        await page.Locator("#phone-verify-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("认领我的房屋").First).ToBeVisibleAsync();
        Assert.True(await factory.WithDb(db => db.Users.AnyAsync(u => u.PhoneNumber == "+86" + phone && u.PhoneNumberConfirmed)));
        await page.Context.CloseAsync();
    }
}
