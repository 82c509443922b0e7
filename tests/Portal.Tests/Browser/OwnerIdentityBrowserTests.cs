using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Register;
using Portal.Tests.Accounts;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;
using Portal.Tests.Residents;
using Portal.Tests.Votes;

namespace Portal.Tests.Browser;

/// <summary>
/// Issue 12 end to end in a real Chromium at a 390 px phone viewport, SMS through the Aliyun stand-in (which checks
/// every signature): only the real owner gets the owner's vote.
/// </summary>
public sealed class OwnerIdentityBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The code in the newest SendSms the stand-in accepted for <paramref name="national"/> (11 digits), after checking its signature.</summary>
    private static async Task<string> CodeSentToAsync(StubServer stub, string national, int already)
    {
        var requests = await Eventually.Until(() => Task.FromResult(stub.Requests.Select(AliyunStandIn.Parameters)
                .Where(p => p.GetValueOrDefault("Action") == "SendSms" && p.GetValueOrDefault("PhoneNumbers") == national).ToList()),
            list => list.Count > already, $"an SMS code to {national}");
        var last = requests[^1];
        Assert.True(AliyunStandIn.SignatureHolds(last));
        return JsonDocument.Parse(last["TemplateParam"]).RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>Signs up with a fresh phone number and the SMS code, on the phone sign-in page; returns the number typed.</summary>
    private static async Task<string> SignUpWithPhoneAsync(IPage page, StubServer stub)
    {
        var phone = PhoneTestKit.NewMobile();
        await page.GotoAsync("/account/login");
        await page.Locator("#login-with-phone").ClickAsync();
        var input = page.Locator("#phone-send input[name=Phone]");
        Assert.Equal("tel", await input.GetAttributeAsync("type"));
        await input.FillAsync(phone);
        await page.Locator("#phone-send-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#phone-code-sent")).ToContainTextAsync(phone[..3] + "****" + phone[^4..]);
        await page.Locator("#Code").FillAsync(await CodeSentToAsync(stub, phone, 0));
        await page.Locator("#Consent").CheckAsync();
        await page.Locator("#phone-verify-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("认领我的房屋").First).ToBeVisibleAsync();
        return phone;
    }

    private static async Task<string> UserIdOfAsync(PortalFactory factory, string phone) =>
        await factory.WithDb(db => db.Users.Where(u => u.PhoneNumber == "+86" + phone).Select(u => u.Id).SingleAsync(Ct));

    [Fact]
    public async Task Only_the_real_owner_claims_with_the_register_phone_the_owner_approves_the_tenant_and_a_co_owner_who_is_not_the_representative_cannot_cast()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var stub = await AliyunStandIn.StartAsync();
        await using var factory = AliyunStandIn.Portal(stub);
        var address = factory.StartKestrel();
        var compound = await factory.CreateCompoundAsync("OWNID" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant(), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var flat = compound.Flat("1-1-101");
        var registerPhone = await ClaimTests.GivePhoneAsync(factory, flat);
        var letter = await ClaimTests.LetterAsync(factory, compound, flat);
        var vote = await factory.CreateVoteAsync(compound, "加装电梯", new CivilCodeMajor(), Scope.WholeCompound);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        // (1) A new owner signs up on their phone with a phone number and the SMS code.
        var owner = await browser.NewPageAsync(address);
        Assert.Equal(390, owner.ViewportSize!.Width);
        var ownerPhone = await SignUpWithPhoneAsync(owner, stub);
        var ownerId = await UserIdOfAsync(factory, ownerPhone);

        // (2) ... claims the flat with the letter's code and the SMS code sent to the register's phone, and votes.
        await owner.GetByRole(AriaRole.Link, new() { Name = "认领我的房屋" }).First.ClickAsync();
        await owner.GetByLabel("邀请码").FillAsync(letter);
        await owner.Locator("#claim-button").ClickAsync();
        await Assertions.Expect(owner.Locator("#sms-sent")).ToContainTextAsync(registerPhone[3..6] + "****" + registerPhone[^4..]);
        Assert.DoesNotContain(registerPhone[3..], await owner.ContentAsync());
        await owner.GetByLabel("短信验证码").FillAsync(await CodeSentToAsync(stub, registerPhone[3..], 0));
        await owner.Locator("#sms-button").ClickAsync();
        await Assertions.Expect(owner.Locator("#my-flats")).ToContainTextAsync("1-1-101");
        await owner.GotoAsync($"/c/{compound.Code}/votes/{vote.Id}");
        await owner.Locator($"#choice-{flat.OwnerOfRecordId}-{matter}-agree").CheckAsync();
        await owner.Locator(".cast-ballot").ClickAsync();
        await Assertions.Expect(owner.Locator("#receipt-code")).ToBeVisibleAsync();
        Assert.Equal(1, (await factory.TallyAsync(vote.Id)).Single().Agree.Owners);

        // (3) A second account with the same letter but not the register's phone does not become owner: its request
        // with a photo of the property certificate waits for the committee.
        var other = await browser.NewPageAsync(address);
        var otherPhone = await SignUpWithPhoneAsync(other, stub);
        var otherId = await UserIdOfAsync(factory, otherPhone);
        await other.GotoAsync("/residents/claim");
        await other.GetByLabel("邀请码").FillAsync(letter);
        await other.Locator("#claim-button").ClickAsync();
        await Assertions.Expect(other.Locator("[role=alert]").First).ToContainTextAsync("邀请码已被使用");
        await other.Locator("#no-phone-button").ClickAsync();
        await other.Locator("#Certificate").SetInputFilesAsync(new FilePayload { Name = "房产证.jpg", MimeType = "image/jpeg", Buffer = UploadCheckTests.JpegWithGps() });
        await other.Locator("#certificate-button").ClickAsync();
        await Assertions.Expect(other.Locator("#my-requests .request-status").First).ToHaveTextAsync("待审核");
        var waiting = await factory.WithDb(db => db.Set<LinkRequest>().AsNoTracking().SingleAsync(r => r.UserId == otherId, Ct));
        Assert.Equal((LinkRequestStatus.Pending, ResidentRelation.Owner), (waiting.Status, waiting.Relation));
        Assert.False(await factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == otherId, Ct)));

        // (4) A tenant asks to be linked as a tenant; the owner approves it from the inbox.
        var tenant = await browser.NewPageAsync(address);
        var tenantPhone = await SignUpWithPhoneAsync(tenant, stub);
        var tenantId = await UserIdOfAsync(factory, tenantPhone);
        await tenant.GotoAsync("/residents/request");
        await tenant.Locator("#Input_Compound").SelectOptionAsync(compound.Code);
        await tenant.Locator("#Input_Building").FillAsync("1");
        await tenant.Locator("#Input_Entrance").FillAsync("1");
        await tenant.Locator("#Input_Room").FillAsync("101");
        await tenant.Locator("#Input_Relation").SelectOptionAsync(nameof(ResidentRelation.Tenant));
        await tenant.Locator("#request-form button[type=submit]").ClickAsync();
        await Assertions.Expect(tenant.Locator("#my-requests .request-status").First).ToHaveTextAsync("待审核");

        await Eventually.Until(async () =>
        {
            await owner.GotoAsync("/inbox");
            return await owner.Locator(".inbox-item[data-kind='TenantLinkRequested'] a").CountAsync() > 0;
        }, "the tenant's request in the owner's inbox");
        await owner.Locator(".inbox-item[data-kind='TenantLinkRequested'] a").First.ClickAsync();
        await owner.WaitForURLAsync("**/residents/flats");
        var card = owner.Locator(".tenant-request");
        await Assertions.Expect(card).ToContainTextAsync(tenantPhone[..3] + "****" + tenantPhone[^4..]);
        Assert.DoesNotContain(tenantPhone, await owner.ContentAsync());
        await card.Locator(".approve-tenant").ClickAsync();
        await Assertions.Expect(owner.Locator(".tenant-request")).ToHaveCountAsync(0);
        var tenantLink = await factory.WithDb(db => db.Set<ResidentLink>().AsNoTracking().SingleAsync(l => l.UserId == tenantId, Ct));
        Assert.Equal((flat.Id, ResidentRelation.Tenant), (tenantLink.FlatId, tenantLink.Relation));
        Assert.Equal(ownerId, (await factory.WithDb(db => db.Set<LinkRequest>().AsNoTracking().SingleAsync(r => r.UserId == tenantId, Ct))).DecidedBy);
        await tenant.GotoAsync($"/c/{compound.Code}/votes/{vote.Id}");
        await Assertions.Expect(tenant.Locator("#vote-title")).ToHaveTextAsync("加装电梯");
        await Assertions.Expect(tenant.Locator(".ballot-form")).ToHaveCountAsync(0);

        // (5) The committee approves the second account's certificate: it is now a co-owner, but the first linked
        // account is the representative, so it sees the household's ballot and cannot cast.
        Assert.True(await factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var c = await db.Set<Portal.Domain.Register.Compound>().SingleAsync(x => x.Id == compound.Id, Ct);
            return await sp.GetRequiredService<ApproveLinkRequest>().ApproveAsync(c, waiting.Id, "committee", "产权证已核对", Ct);
        }));
        await other.GotoAsync($"/c/{compound.Code}/votes/{vote.Id}");
        var why = other.Locator($"[data-owner='{flat.OwnerOfRecordId}'] .not-representative");
        await Assertions.Expect(why).ToContainTextAsync("投票代表");
        await Assertions.Expect(why).ToContainTextAsync(ownerPhone[..3] + "****" + ownerPhone[^4..]);
        await Assertions.Expect(other.Locator(".ballot-form")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Locator("#my-choices")).ToContainTextAsync("同意");
        Assert.Equal(1, (await factory.TallyAsync(vote.Id)).Single().Participated.Owners);

        await owner.Context.CloseAsync();
        await other.Context.CloseAsync();
        await tenant.Context.CloseAsync();
    }
}
