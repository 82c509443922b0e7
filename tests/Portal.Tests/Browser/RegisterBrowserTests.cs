using Portal.Tests.Accounts;
using System.Text;
using Microsoft.Playwright;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>In a real Chromium: the committee imports the register and prints letters; a new resident registers and claims a flat.</summary>
public sealed class RegisterBrowserTests
{
    [Fact]
    public async Task Committee_imports_and_prints_letters_then_a_new_resident_registers_claims_and_sees_the_compound()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        var compound = await factory.WithDb(async db =>
        {
            var c = new Compound("LIHUA", "梨花小区", "唐山市", "路北区", "梨花路1号", 1992, 2021);
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var committee = await factory.CreateUserAsync("committee@example.com");
        await factory.WithDb(async db =>
        {
            db.Add(new CompoundRole(committee.Id, compound.Id, CompoundRoleKind.Committee, null, null, DateTimeOffset.UtcNow, "test"));
            await db.SaveChangesAsync();
        });

        // The committee imports the register through the page.
        var desk = await browser.NewPageAsync(address, phone: false);
        await desk.GotoAsync("/account/login");
        await desk.GetByLabel("电子邮箱").FillAsync("committee@example.com");
        await desk.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await desk.Locator("#login-submit").ClickAsync();
        await desk.GotoAsync("/c/LIHUA/register");
        await desk.Locator("#import-link").ClickAsync();
        var csv = "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,72.50,O1,王秀英,13900000001\n1,1,1,102,60.25,O2,李明,\n";
        await desk.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "梨花小区.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await desk.Locator("#preview-button").ClickAsync();
        await Assertions.Expect(desk.Locator("#import-summary")).ToContainTextAsync("132.75");
        await desk.Locator("#apply-button").ClickAsync();
        await Assertions.Expect(desk.Locator("#register-flats")).ToContainTextAsync("王秀英");

        // ... and prints the letters.
        await desk.Locator("#letters-link").ClickAsync();
        await desk.Locator("#issue-button").ClickAsync();
        await Assertions.Expect(desk.Locator(".letter")).ToHaveCountAsync(2);
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(desk.Locator("#letters-form")).ToBeHiddenAsync();
        await Assertions.Expect(desk.Locator(".letter").First).ToBeVisibleAsync();
        var letter = desk.Locator(".letter-code[data-flat='1-1-101']");
        var code = (await letter.TextContentAsync())!.Trim();
        var qr = await desk.Locator(".letter img").First.GetAttributeAsync("src");
        Assert.StartsWith("data:image/png;base64,", qr);

        // A new resident registers, confirms the email (from the outbox) and claims the flat with the code.
        var phone = await browser.NewPageAsync(address);
        await phone.GotoAsync("/account/register");
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await phone.GetByLabel("电子邮箱").FillAsync(email);
        await phone.GetByLabel("姓名").FillAsync("王秀英");
        await phone.GetByLabel("密码", new() { Exact = true }).FillAsync("Spring-2026");
        await phone.GetByLabel("确认密码").FillAsync("Spring-2026");
        await phone.Locator("#Input_PrivacyConsent").CheckAsync();
        await phone.Locator("#register-submit").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("请查收邮件");
        await phone.GotoAsync(await factory.LinkInLatestAsync(email, "account.confirm"));
        await Assertions.Expect(phone.Locator("#email-confirmed")).ToBeVisibleAsync();
        await phone.GotoAsync("/account/login");
        await phone.GetByLabel("电子邮箱").FillAsync(email);
        await phone.GetByLabel("密码").FillAsync("Spring-2026");
        await phone.Locator("#login-submit").ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "认领我的房屋" }).ClickAsync();
        await phone.GetByLabel("邀请码").FillAsync(code.ToLowerInvariant());
        await phone.Locator("#claim-button").ClickAsync();
        // The register holds a phone for this owner: the letter alone is not enough, the SMS code sent there confirms it.
        await Assertions.Expect(phone.Locator("#sms-form")).ToContainTextAsync("139****0001");
        await phone.GetByLabel("短信验证码").FillAsync(await factory.LatestCodeAsync("+8613900000001"));
        await phone.Locator("#sms-button").ClickAsync();

        await Assertions.Expect(phone.Locator("#compound-name")).ToHaveTextAsync("梨花小区");
        await Assertions.Expect(phone.Locator("#my-flats")).ToContainTextAsync("1-1-101");
        await Assertions.Expect(phone.Locator("#compound-menu")).Not.ToContainTextAsync("房屋清册");
        await phone.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }
}
