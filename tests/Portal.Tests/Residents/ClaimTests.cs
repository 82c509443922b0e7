using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;
using Portal.Files;
using Portal.Tests.Accounts;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Residents;

/// <summary>Claiming owner status needs the letter's code and a second factor (issue 12).</summary>
public sealed class ClaimTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Puts a fresh mobile number on the flat's owner of record in the register; returns it in E.164.</summary>
    public static async Task<string> GivePhoneAsync(PortalFactory factory, Flat flat)
    {
        var phone = PhoneTestKit.NewMobile();
        await factory.WithDb(async db =>
        {
            var owner = await db.Set<OwnerOfRecord>().SingleAsync(o => o.Id == flat.OwnerOfRecordId);
            owner.UpdateContact(owner.Name, phone);
            await db.SaveChangesAsync();
        });
        return "+86" + phone;
    }

    public static Task<string> LetterAsync(PortalFactory factory, TestCompound compound, Flat flat) =>
        factory.Scoped(async sp =>
        {
            var (code, printed) = await sp.GetRequiredService<InvitationCodes>().IssueAsync(compound.Id, flat.Id, DateTimeOffset.UtcNow, TimeSpan.FromDays(30), "test");
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            db.Add(code);
            await db.SaveChangesAsync();
            return printed;
        });

    private static async Task<IDocument> EnterLetterAsync(HttpClient client, string letter)
    {
        var response = await client.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = letter }, "#claim-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    private static async Task<HttpResponseMessage> SendCertificateAsync(HttpClient client, IDocument page, string name, string type, byte[] bytes)
    {
        var form = page.QuerySelector<IHtmlFormElement>("#certificate-form")!;
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input").Where(i => i.Type != "file" && !string.IsNullOrEmpty(i.Name)))
            content.Add(new StringContent(input.Value), input.Name!);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "Certificate", name);
        return await client.PostAsync(form.GetAttribute("action"), content, Ct);
    }

    private Task<List<ResidentLink>> LinksOfAsync(string userId) =>
        Factory.WithDb(db => db.Set<ResidentLink>().Where(l => l.UserId == userId && l.UnlinkedAt == null).ToListAsync(Ct));

    [Fact]
    public async Task The_letter_and_the_sms_code_sent_to_the_register_phone_make_an_owner_and_a_wrong_code_says_the_tries_left()
    {
        var compound = await Factory.CreateCompoundAsync("CLS" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var flat = compound.Flats[0];
        var phone = await GivePhoneAsync(Factory, flat);
        var letter = await LetterAsync(Factory, compound, flat);
        var user = await Factory.CreateUserAsync($"cls-{Guid.NewGuid():N}@example.com");
        var client = await Factory.SignedInClientAsync(user.Email!);

        var smsStep = await EnterLetterAsync(client, letter);
        var sent = smsStep.QuerySelector("#sms-sent")!.TextContent;
        Assert.Contains(phone[3..6] + "****" + phone[^4..], sent);
        Assert.DoesNotContain(phone[3..], smsStep.DocumentElement.OuterHtml);
        Assert.Single(await Factory.SmsToAsync(phone));
        Assert.Empty(await LinksOfAsync(user.Id)); // the letter alone makes nobody an owner

        var code = await Factory.LatestCodeAsync(phone);
        var wrongCode = code == "000000" ? "111111" : "000000";
        var wrong = await client.SubmitFormAsync(smsStep, new Dictionary<string, string> { ["Input.SmsCode"] = wrongCode }, "#sms-form");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await FormClient.ParseAsync(wrong);
        Assert.Contains("还可以再试4次", wrongPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(await LinksOfAsync(user.Id));

        var claimed = await client.SubmitFormAsync(wrongPage, new Dictionary<string, string> { ["Input.SmsCode"] = code }, "#sms-form");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal($"/c/{compound.Code}", claimed.Headers.Location!.OriginalString);
        var link = Assert.Single(await LinksOfAsync(user.Id));
        Assert.Equal((flat.Id, ResidentRelation.Owner), (link.FlatId, link.Relation));
    }

    [Fact]
    public async Task Without_the_phone_the_letter_opens_a_request_with_a_certificate_photo_only_the_committee_sees_and_it_is_deleted_after_the_decision()
    {
        var compound = await Factory.CreateCompoundAsync("CLC" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var flat = compound.Flats[0];
        var phone = await GivePhoneAsync(Factory, flat);
        var letter = await LetterAsync(Factory, compound, flat);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);

        // The real owner claims with the SMS code.
        var owner = await Factory.CreateUserAsync($"clc-o-{Guid.NewGuid():N}@example.com");
        var ownerClient = await Factory.SignedInClientAsync(owner.Email!);
        var smsStep = await EnterLetterAsync(ownerClient, letter);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.SubmitFormAsync(smsStep,
            new Dictionary<string, string> { ["Input.SmsCode"] = await Factory.LatestCodeAsync(phone) }, "#sms-form")).StatusCode);

        // A second account with the same letter but not the phone: its request waits for the committee.
        var other = await Factory.CreateUserAsync($"clc-x-{Guid.NewGuid():N}@example.com");
        var otherClient = await Factory.SignedInClientAsync(other.Email!);
        var refused = await EnterLetterAsync(otherClient, letter);
        Assert.Contains("邀请码已被使用", refused.QuerySelector("[role=alert]")!.TextContent);
        var certificateStep = await FormClient.ParseAsync(await otherClient.SubmitFormAsync(refused, new Dictionary<string, string>(), "#no-phone-form"));
        Assert.NotNull(certificateStep.QuerySelector("#certificate-form"));

        var notImage = await SendCertificateAsync(otherClient, certificateStep, "certificate.jpg", "image/jpeg", "not a photo at all"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        Assert.NotEmpty((await FormClient.ParseAsync(notImage)).QuerySelectorAll(".field-validation-error, .validation-summary-errors li"));
        Assert.False(await Factory.WithDb(db => db.Set<LinkRequest>().AnyAsync(r => r.UserId == other.Id, Ct)));

        var sent = await SendCertificateAsync(otherClient, certificateStep, "certificate.jpg", "image/jpeg", UploadCheckTests.JpegWithGps());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var request = await Factory.WithDb(db => db.Set<LinkRequest>().SingleAsync(r => r.UserId == other.Id, Ct));
        Assert.Equal((LinkRequestStatus.Pending, ResidentRelation.Owner), (request.Status, request.Relation));
        Assert.NotNull(request.InvitationCodeId);
        var photoUrl = $"/files/{request.CertificateFileId!.Value:N}";
        Assert.Empty(await LinksOfAsync(other.Id));

        // Only the committee sees the photo: not the requester, not the owner of the flat.
        Assert.Equal(HttpStatusCode.NotFound, (await ownerClient.GetAsync(photoUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync(photoUrl, Ct)).StatusCode);
        var requests = await committee.GetDocumentAsync($"/c/{compound.Code}/register/requests");
        Assert.NotNull(requests.QuerySelector($".pending-request[data-id='{request.Id}'] a.certificate-photo"));

        var decided = await committee.SubmitFormAsync(requests, new Dictionary<string, string> { ["RequestId"] = request.Id.ToString(), ["Reason"] = "产权证与清册不符" },
            $".pending-request[data-id='{request.Id}'] form", "button[formaction*='Reject']");
        Assert.True(decided.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        await Factory.WithDb(async db =>
        {
            var after = await db.Set<LinkRequest>().SingleAsync(r => r.Id == request.Id, Ct);
            Assert.Equal(LinkRequestStatus.Rejected, after.Status);
            Assert.Null(after.CertificateFileId);
            Assert.False(await db.Set<StoredFile>().AnyAsync(f => f.Id == request.CertificateFileId, Ct));
        });
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync(photoUrl, Ct)).StatusCode);
        Assert.Empty(await LinksOfAsync(other.Id));
    }

    [Fact]
    public async Task On_the_claim_page_a_second_sms_within_60_seconds_is_not_sent_and_five_wrong_sms_codes_void_it()
    {
        var compound = await Factory.CreateCompoundAsync("CLL" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var flat = compound.Flats[0];
        var phone = await GivePhoneAsync(Factory, flat);
        var letter = await LetterAsync(Factory, compound, flat);
        var user = await Factory.CreateUserAsync($"cll-{Guid.NewGuid():N}@example.com");
        var client = await Factory.SignedInClientAsync(user.Email!);

        var smsStep = await EnterLetterAsync(client, letter);
        var resent = await client.SubmitFormAsync(smsStep, new Dictionary<string, string>(), "#resend-form");
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var resentPage = await FormClient.ParseAsync(resent);
        Assert.Contains("发送太频繁，请在", resentPage.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(resentPage.QuerySelector("#sms-form")); // still waiting for the code already sent
        Assert.Single(await Factory.SmsToAsync(phone));

        var code = await Factory.LatestCodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        var page = resentPage;
        for (var left = 4; left >= 1; left--)
        {
            page = await FormClient.ParseAsync(await client.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.SmsCode"] = wrong }, "#sms-form"));
            Assert.Contains($"还可以再试{left}次", page.QuerySelector("[role=alert]")!.TextContent);
        }
        page = await FormClient.ParseAsync(await client.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.SmsCode"] = wrong }, "#sms-form"));
        Assert.Contains("短信验证码已失效", page.QuerySelector("[role=alert]")!.TextContent);
        var right = await client.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.SmsCode"] = code }, "#sms-form");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("短信验证码已失效", (await FormClient.ParseAsync(right)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(await LinksOfAsync(user.Id));
    }
}
