using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Residents;
using Portal.Tests.Votes;

namespace Portal.Tests.Accounts;

/// <summary>
/// Phone numbers are shown masked (138****0001) on every page that shows one to someone other than its owner; only
/// the committee's register pages show them in full (issue 12).
/// </summary>
public sealed class PhoneMaskingTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;

    private static string Masked(string national) => national[..3] + "****" + national[^4..];

    private static void ShowsOnlyMasked(IDocument page, string national, string where)
    {
        var html = page.DocumentElement.OuterHtml;
        Assert.False(html.Contains(national), $"{where} shows {national} in full");
        Assert.True(html.Contains(Masked(national)), $"{where} does not show {Masked(national)}");
    }

    /// <summary>A phone account made through /account/phone; returns the number typed and the signed-in client.</summary>
    private async Task<(string Phone, string UserId, HttpClient Client)> PhoneAccountAsync()
    {
        var phone = PhoneTestKit.NewMobile();
        var client = Factory.NewClient();
        var step = await client.RequestCodeAsync(phone);
        var signedIn = await client.EnterCodeAsync(step, await Factory.LatestCodeAsync("+86" + phone));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        var id = await Factory.WithDb(db => db.Users.Where(u => u.PhoneNumber == "+86" + phone).Select(u => u.Id).SingleAsync());
        return (phone, id, client);
    }

    [Fact]
    public async Task Every_page_that_shows_a_phone_to_someone_else_masks_it_and_only_the_committees_register_shows_it_in_full()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("MSK"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var flat = c.Flat("1-1-101");
        var registerPhone = (await ClaimTests.GivePhoneAsync(Factory, flat))[3..];
        var vote = await Factory.CreateVoteAsync(c, "更换物业服务企业", new CivilCodeOrdinary(), Scope.WholeCompound);

        // The owner signed up by phone; a co-owner typed a phone number as their name; a tenant signed up by phone.
        var (ownerPhone, ownerId, owner) = await PhoneAccountAsync();
        await Factory.LinkAsync(ownerId, c, flat);
        var namedPhone = PhoneTestKit.NewMobile();
        var coEmail = $"msk-{Guid.NewGuid():N}@example.com";
        var co = await Factory.CreateUserAsync(coEmail, name: namedPhone);
        await Factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var coClient = await Factory.SignedInClientAsync(coEmail);
        var (tenantPhone, tenantId, tenant) = await PhoneAccountAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await tenant.SubmitFormAsync("/residents/request", new Dictionary<string, string>
        {
            ["Input.Compound"] = c.Code, ["Input.Building"] = "1", ["Input.Entrance"] = "1", ["Input.Room"] = "101",
            ["Input.Relation"] = nameof(ResidentRelation.Tenant),
        }, "#request-form")).StatusCode);

        // The owner's flats page: the co-owner's and the tenant's names.
        var ownerFlats = await owner.GetDocumentAsync("/residents/flats");
        ShowsOnlyMasked(ownerFlats, namedPhone, "the owner's flats page (co-owner)");
        ShowsOnlyMasked(ownerFlats, tenantPhone, "the owner's flats page (tenant's request)");
        // The co-owner's flats page and ballot page: the representative's name.
        ShowsOnlyMasked(await coClient.GetDocumentAsync("/residents/flats"), ownerPhone, "the co-owner's flats page");
        var ballot = await coClient.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}");
        Assert.NotNull(ballot.QuerySelector(".not-representative"));
        ShowsOnlyMasked(ballot, ownerPhone, "the co-owner's ballot page");

        // The claim page: whoever holds the letter sees only the masked register phone the SMS went to.
        var letter = await ClaimTests.LetterAsync(Factory, c, flat);
        var claimant = await Factory.CreateUserAsync($"msk-cl-{Guid.NewGuid():N}@example.com");
        var claim = await FormClient.ParseAsync(await (await Factory.SignedInClientAsync(claimant.Email!))
            .SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = letter }, "#claim-form"));
        Assert.NotNull(claim.QuerySelector("#sms-form"));
        ShowsOnlyMasked(claim, registerPhone, "the claim page");

        // The platform admin's outbox lists SMS masked, and still finds them by the full number.
        var adminEmail = $"msk-admin-{Guid.NewGuid():N}@example.com";
        await Factory.CreateUserAsync(adminEmail, admin: true);
        var outbox = await (await Factory.SignedInClientAsync(adminEmail)).GetDocumentAsync("/admin/outbox?to=" + Uri.EscapeDataString("+86" + ownerPhone));
        Assert.Single(outbox.QuerySelectorAll(".outbox-sms"));
        Assert.Equal(Masked(ownerPhone), outbox.QuerySelector(".outbox-to")!.TextContent.Trim());
        Assert.DoesNotContain(ownerPhone[3..], outbox.QuerySelector(".outbox-sms")!.OuterHtml);

        // The committee's register pages are the one place with the full number.
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        Assert.Contains(registerPhone, (await committee.GetDocumentAsync($"/c/{c.Code}/register")).QuerySelector("#register-flats")!.TextContent);
        // A building lead does not see the register at all.
        var (_, lead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, buildingId: flat.BuildingId);
        var leadRegister = await lead.GetAsync($"/c/{c.Code}/register", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(registerPhone, await leadRegister.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
