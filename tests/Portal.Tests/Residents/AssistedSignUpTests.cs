using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Files;
using Portal.Notifications;
using Portal.Tests.Accounts;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Residents;

/// <summary>
/// 楼门长代办 (issue 12) through the real /c/{code}/assist page: the owner reads out the SMS code sent to the register's
/// phone, or the lead uploads the signed consent form for the committee; logged and shown to the owner.
/// </summary>
public sealed class AssistedSignUpTests(PhoneFactoryFixture fixture) : IClassFixture<PhoneFactoryFixture>
{
    private PhoneFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A compound of one building with two entrances of two flats each; a lead for entrance 1-1, signed in.</summary>
    private async Task<(TestCompound Compound, string LeadId, HttpClient Lead)> CompoundWithLeadAsync(string prefix)
    {
        var compound = await Factory.CreateCompoundAsync(prefix + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 2, floors: 1, flatsPerFloor: 2);
        var entrance = compound.Entrance("1", "1");
        var email = $"lead-{Guid.NewGuid():N}@example.com";
        var lead = await Factory.CreateUserAsync(email, name: "王建国");
        await Factory.GrantAsync(lead.Id, compound, CompoundRoleKind.BuildingLead, entrance.BuildingId, entrance.Id);
        return (compound, lead.Id, await Factory.SignedInClientAsync(email));
    }

    private Task RemoveRegisterPhoneAsync(Flat flat) => Factory.WithDb(async db =>
    {
        var owner = await db.Set<OwnerOfRecord>().SingleAsync(o => o.Id == flat.OwnerOfRecordId, Ct);
        owner.UpdateContact(owner.Name, null);
        await db.SaveChangesAsync(Ct);
    });

    private static async Task<IDocument> EnterPhoneAsync(HttpClient lead, TestCompound compound, Flat flat, string phone)
    {
        var page = await lead.GetDocumentAsync($"/c/{compound.Code}/assist?flat={flat.Id}");
        var response = await lead.SubmitFormAsync(page, new Dictionary<string, string> { ["Phone"] = phone }, "#assist-phone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    private static Task<HttpResponseMessage> EnterCodeAsync(HttpClient lead, IDocument page, string code) =>
        lead.SubmitFormAsync(page, new Dictionary<string, string> { ["Code"] = code, ["Consent"] = "true" }, "#assist-code");

    private static async Task<HttpResponseMessage> UploadConsentFormAsync(HttpClient lead, IDocument page, string name, string type, byte[] bytes)
    {
        var form = page.QuerySelector<IHtmlFormElement>("#assist-consent-form")!;
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input").Where(i => i.Type != "file" && !string.IsNullOrEmpty(i.Name)))
            content.Add(new StringContent(input.Value), input.Name!);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(file, "ConsentForm", name);
        return await lead.PostAsync(form.GetAttribute("action"), content, Ct);
    }

    private static string Errors(IDocument page) => page.QuerySelector("#assist-errors")!.TextContent;

    private Task<List<ResidentLink>> OwnerLinksAsync(Flat flat) =>
        Factory.WithDb(db => db.Set<ResidentLink>().Where(l => l.FlatId == flat.Id && l.UnlinkedAt == null).ToListAsync(Ct));

    private Task<PortalUser?> AccountOfAsync(string e164) =>
        Factory.WithDb(db => db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PhoneNumber == e164, Ct));

    [Fact]
    public async Task The_owner_reads_out_the_code_sent_to_the_register_phone_and_is_linked_as_owner_logged_told_and_shown_on_my_data()
    {
        var (compound, leadId, lead) = await CompoundWithLeadAsync("ASA");
        var flat = compound.Flat("1-1-101");
        var phone = await ClaimTests.GivePhoneAsync(Factory, flat);
        var ownerName = compound.Owners[flat.OwnerOfRecordId].Name;

        // The compound's home leads there; the list: the lead's entrance only, the register phone masked.
        Assert.Equal($"/c/{compound.Code}/assist", (await lead.GetDocumentAsync($"/c/{compound.Code}")).QuerySelector("#menu-assist")!.GetAttribute("href"));
        var list = await lead.GetDocumentAsync($"/c/{compound.Code}/assist");
        var rows = list.QuerySelectorAll(".assist-flat").Select(r => long.Parse(r.GetAttribute("data-flat")!)).ToList();
        Assert.Equal(new[] { compound.Flat("1-1-101").Id, compound.Flat("1-1-102").Id }, rows);
        var row = list.QuerySelector($".assist-flat[data-flat='{flat.Id}']")!.TextContent;
        Assert.Contains(ownerName, row);
        Assert.Contains(PhoneNumberRules.Mask(phone), row);
        Assert.DoesNotContain(phone[3..], list.DocumentElement.OuterHtml);

        var codeStep = await EnterPhoneAsync(lead, compound, flat, phone[3..]);
        Assert.Contains(PhoneNumberRules.Mask(phone), codeStep.QuerySelector("#assist-code-sent")!.TextContent);
        // The owner reads this code out to the lead: the text says so, not "tell nobody".
        var codeSms = Assert.Single(await Factory.SmsToAsync(phone));
        Assert.Equal("account.assist-code", codeSms.Kind);
        Assert.Contains("请当面告诉身边的楼门长", codeSms.Text);
        Assert.DoesNotContain("请勿告诉他人", codeSms.Text);
        Assert.Empty(await OwnerLinksAsync(flat));

        var code = await Factory.LatestCodeAsync(phone);
        var wrong = await EnterCodeAsync(lead, codeStep, code == "000000" ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await FormClient.ParseAsync(wrong);
        Assert.Contains("验证码不正确，还可以再试4次", Errors(wrongPage));
        Assert.Null(await AccountOfAsync(phone));

        var done = await EnterCodeAsync(lead, wrongPage, code);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/c/{compound.Code}/assist", done.Headers.Location!.OriginalString);

        var owner = await AccountOfAsync(phone);
        Assert.NotNull(owner);
        Assert.True(owner.PhoneNumberConfirmed);
        Assert.NotNull(owner.PrivacyConsentAt);
        var link = Assert.Single(await OwnerLinksAsync(flat));
        Assert.Equal((owner.Id, ResidentRelation.Owner), (link.UserId, link.Relation));
        var logged = await Factory.WithDb(db => db.Set<AssistedSignUp>().SingleAsync(a => a.FlatId == flat.Id, Ct));
        Assert.Equal((owner.Id, leadId, AssistMethod.SmsCode, (CompoundRoleKind?)CompoundRoleKind.BuildingLead, (Guid?)null),
            (logged.OwnerUserId, logged.AssistedByUserId, logged.Method, logged.AssistedAs, logged.ConsentFileId));
        var told = await Factory.WithDb(db => db.Set<NotificationEvent>().SingleAsync(e => e.Kind == NotificationKind.AssistedSignUp && e.CompoundId == compound.Id, Ct));
        Assert.Contains(owner.Id, told.AudienceJson);

        // The lead is still the lead, not signed in as the owner; the flat has left their list.
        var leadData = await lead.GetDocumentAsync("/account/my-data");
        Assert.Contains("王建国", leadData.QuerySelector("#my-data-account")!.TextContent);
        Assert.Null(leadData.QuerySelector("#my-data-assisted"));
        Assert.Null((await lead.GetDocumentAsync($"/c/{compound.Code}/assist")).QuerySelector($".assist-flat[data-flat='{flat.Id}']"));

        // The owner signs in with their phone later and sees who helped them, on the page and in the download.
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var ownerClient = Factory.NewClient();
        var sent = await ownerClient.RequestCodeAsync(phone[3..]);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.EnterCodeAsync(sent, await Factory.LatestCodeAsync(phone))).Response.StatusCode);
        var myData = await ownerClient.GetDocumentAsync("/account/my-data");
        var line = myData.QuerySelector("#my-data-assisted .assisted-sign-up[data-method='SmsCode']")!.TextContent;
        Assert.Contains("楼门长王建国于", line);
        Assert.Contains("协助您注册", line);
        Assert.Contains("1-1-101", line);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", line);
        Assert.Contains("1-1-101", myData.QuerySelector("#my-data-flats")!.TextContent);

        using var json = JsonDocument.Parse(await ownerClient.GetStringAsync("/account/my-data?handler=download", Ct));
        var assisted = Assert.Single(json.RootElement.GetProperty("assistedSignUps").EnumerateArray());
        Assert.Equal("SmsCode", assisted.GetProperty("method").GetString());
        Assert.Equal("王建国", assisted.GetProperty("assistedBy").GetString());
        Assert.Equal("BuildingLead", assisted.GetProperty("assistedAs").GetString());
        Assert.Equal("1-1-101", assisted.GetProperty("flat").GetString());
    }

    [Fact]
    public async Task Without_a_register_phone_the_signed_consent_form_opens_a_request_for_the_committee_and_nobody_becomes_owner()
    {
        var (compound, leadId, lead) = await CompoundWithLeadAsync("ASB");
        var flat = compound.Flat("1-1-102");
        await RemoveRegisterPhoneAsync(flat);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var (_, neighbour) = await Factory.ResidentAsync(compound, compound.Flat("1-2-101"));
        var phone = "+86" + PhoneTestKit.NewMobile();

        Assert.Null((await neighbour.GetDocumentAsync($"/c/{compound.Code}")).QuerySelector("#menu-assist"));
        Assert.Equal(HttpStatusCode.Redirect, (await neighbour.GetAsync($"/c/{compound.Code}/assist", Ct)).StatusCode);
        var list = await lead.GetDocumentAsync($"/c/{compound.Code}/assist");
        Assert.Contains("清册中没有手机号", list.QuerySelector($".assist-flat[data-flat='{flat.Id}']")!.TextContent);

        var formStep = await EnterPhoneAsync(lead, compound, flat, phone);
        Assert.Contains("清册中没有这位业主的手机号", formStep.QuerySelector("#assist-consent-intro")!.TextContent);
        Assert.Empty(await Factory.SmsToAsync(phone)); // no SMS on this way

        // Refused by content, whatever the name says: nothing is kept, no account is opened.
        var notImage = await UploadConsentFormAsync(lead, formStep, "同意书.jpg", "image/jpeg", "%PDF-1.4 not a photo"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, notImage.StatusCode);
        var refusedPage = await FormClient.ParseAsync(notImage);
        Assert.Contains("同意书.jpg", Errors(refusedPage));
        Assert.NotNull(refusedPage.QuerySelector("#assist-consent-form"));
        Assert.Null(await AccountOfAsync(phone));
        Assert.False(await Factory.WithDb(db => db.Set<StoredFile>().AnyAsync(f => f.CompoundId == compound.Id && f.Purpose == FileOwnerKinds.ConsentForm, Ct)));

        var sent = await UploadConsentFormAsync(lead, refusedPage, "同意书.jpg", "image/jpeg", UploadCheckTests.JpegWithGps());
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var owner = await AccountOfAsync(phone);
        Assert.NotNull(owner);
        var request = await Factory.WithDb(db => db.Set<LinkRequest>().SingleAsync(r => r.FlatId == flat.Id, Ct));
        Assert.Equal((owner.Id, ResidentRelation.Owner, LinkRequestStatus.Pending), (request.UserId, request.Relation, request.Status));
        Assert.Empty(await OwnerLinksAsync(flat));
        var logged = await Factory.WithDb(db => db.Set<AssistedSignUp>().SingleAsync(a => a.FlatId == flat.Id, Ct));
        Assert.Equal((owner.Id, leadId, AssistMethod.ConsentForm), (logged.OwnerUserId, logged.AssistedByUserId, logged.Method));
        Assert.NotNull(logged.ConsentFileId);
        Assert.True(await Factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.AssistedSignUp && e.CompoundId == compound.Id, Ct)));

        // The committee sees who helped and the consent form; a neighbour cannot open the photo.
        var photoUrl = $"/files/{logged.ConsentFileId!.Value:N}";
        var requests = await committee.GetDocumentAsync($"/c/{compound.Code}/register/requests");
        var pending = requests.QuerySelector($".pending-request[data-id='{request.Id}']")!;
        Assert.Contains("楼门长王建国", pending.QuerySelector(".assisted-by")!.TextContent);
        Assert.Equal(photoUrl, pending.QuerySelector("a.consent-form-photo")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await committee.GetAsync(photoUrl, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(photoUrl, Ct)).StatusCode);

        // The owner, not yet able to view the compound, opens the form signed for them from 我的信息.
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var ownerClient = Factory.NewClient();
        var code = await ownerClient.RequestCodeAsync(phone[3..]);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.EnterCodeAsync(code, await Factory.LatestCodeAsync(phone))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerClient.GetAsync($"/c/{compound.Code}/notices", Ct)).StatusCode);
        var myData = await ownerClient.GetDocumentAsync("/account/my-data");
        Assert.Equal(photoUrl, myData.QuerySelector("#my-data-assisted .assisted-sign-up[data-method='ConsentForm'] a.consent-form-photo")!.GetAttribute("href"));
        var photo = await ownerClient.GetAsync(photoUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(logged.ConsentFileId.Value.ToString("N"), await ownerClient.GetStringAsync("/account/my-data?handler=download", Ct));

        // The same phone again for the same flat: refused while the request waits.
        var again = await UploadConsentFormAsync(lead, await EnterPhoneAsync(lead, compound, flat, phone), "同意书.jpg", "image/jpeg", UploadCheckTests.JpegWithGps());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("正在等待业主委员会审核", Errors(await FormClient.ParseAsync(again)));
        Assert.Equal(1, await Factory.WithDb(db => db.Set<LinkRequest>().CountAsync(r => r.FlatId == flat.Id, Ct)));
    }

    [Fact]
    public async Task A_phone_other_than_the_register_one_gets_no_sms_and_asks_for_the_consent_form()
    {
        var (compound, _, lead) = await CompoundWithLeadAsync("ASO");
        var flat = compound.Flat("1-1-101");
        var registerPhone = await ClaimTests.GivePhoneAsync(Factory, flat);
        var other = "+86" + PhoneTestKit.NewMobile();

        var step = await EnterPhoneAsync(lead, compound, flat, other);
        Assert.Contains("与清册中的不一致", step.QuerySelector("#assist-consent-intro")!.TextContent);
        Assert.NotNull(step.QuerySelector("#assist-consent-form"));
        Assert.Null(step.QuerySelector("#assist-code"));
        Assert.Empty(await Factory.SmsToAsync(other));
        Assert.Empty(await Factory.SmsToAsync(registerPhone));
    }

    [Fact]
    public async Task A_bad_phone_is_refused_in_chinese_a_second_code_within_a_minute_is_not_sent_and_an_expired_code_says_so()
    {
        var (compound, _, lead) = await CompoundWithLeadAsync("ASE");
        var flat = compound.Flat("1-1-101");
        var phone = await ClaimTests.GivePhoneAsync(Factory, flat);

        var landline = await EnterPhoneAsync(lead, compound, flat, "010-62345678");
        Assert.Contains("这是固定电话号码，请输入手机号。", Errors(landline));
        Assert.NotNull(landline.QuerySelector("#assist-phone"));
        var malformed = await EnterPhoneAsync(lead, compound, flat, "1380");
        Assert.Contains("请输入有效的手机号", Errors(malformed));

        var codeStep = await EnterPhoneAsync(lead, compound, flat, phone);
        var resent = await lead.SubmitFormAsync(codeStep, new Dictionary<string, string>(), "#assist-resend");
        var resentPage = await FormClient.ParseAsync(resent);
        Assert.Matches(@"发送太频繁，请在\d+秒后再试", Errors(resentPage));
        Assert.NotNull(resentPage.QuerySelector("#assist-code"));
        Assert.Single(await Factory.SmsToAsync(phone));

        var code = await Factory.LatestCodeAsync(phone);
        Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var expired = await FormClient.ParseAsync(await EnterCodeAsync(lead, resentPage, code));
        Assert.Contains("验证码已过期", Errors(expired));
        Assert.Empty(await OwnerLinksAsync(flat));
        Assert.Null(await AccountOfAsync(phone));

        // Without the owner's consent ticked, nothing is checked or opened.
        var noConsent = await lead.SubmitFormAsync(resentPage, new Dictionary<string, string> { ["Code"] = code }, "#assist-code");
        Assert.Contains("并勾选业主已同意", Errors(await FormClient.ParseAsync(noConsent)));
    }

    [Fact]
    public async Task A_lead_of_another_entrance_is_refused_the_flat_and_no_sms_is_sent()
    {
        var (compound, _, lead) = await CompoundWithLeadAsync("ASX");
        var elsewhere = compound.Flat("1-2-101");
        var phone = await ClaimTests.GivePhoneAsync(Factory, elsewhere);

        var list = await lead.GetDocumentAsync($"/c/{compound.Code}/assist");
        Assert.Null(list.QuerySelector($".assist-flat[data-flat='{elsewhere.Id}']"));
        Assert.DoesNotContain(compound.Owners[elsewhere.OwnerOfRecordId].Name, list.DocumentElement.OuterHtml);

        var opened = await lead.GetAsync($"/c/{compound.Code}/assist?flat={elsewhere.Id}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith("/account/access-denied", opened.Headers.Location!.PathAndQuery);

        // Posting the other entrance's flat through the lead's own forms: refused server side, nothing sent or kept.
        var own = compound.Flat("1-1-101");
        await RemoveRegisterPhoneAsync(own);
        var ownPage = await lead.GetDocumentAsync($"/c/{compound.Code}/assist?flat={own.Id}");
        var posted = await lead.SubmitFormAsync(ownPage, new Dictionary<string, string> { ["FlatId"] = elsewhere.Id.ToString(), ["Phone"] = phone }, "#assist-phone");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/account/access-denied", posted.Headers.Location!.PathAndQuery);

        var consentStep = await EnterPhoneAsync(lead, compound, own, phone);
        consentStep.QuerySelector<IHtmlInputElement>("#assist-consent-form input[name=FlatId]")!.Value = elsewhere.Id.ToString();
        var uploaded = await UploadConsentFormAsync(lead, consentStep, "同意书.jpg", "image/jpeg", UploadCheckTests.JpegWithGps());
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.StartsWith("/account/access-denied", uploaded.Headers.Location!.PathAndQuery);

        Assert.Empty(await Factory.SmsToAsync(phone));
        Assert.Empty(await OwnerLinksAsync(elsewhere));
        Assert.False(await Factory.WithDb(db => db.Set<LinkRequest>().AnyAsync(r => r.CompoundId == compound.Id, Ct)));
        Assert.False(await Factory.WithDb(db => db.Set<AssistedSignUp>().AnyAsync(a => a.CompoundId == compound.Id, Ct)));

        // The committee may assist anywhere in the compound.
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var committeeList = await committee.GetDocumentAsync($"/c/{compound.Code}/assist");
        Assert.NotNull(committeeList.QuerySelector($".assist-flat[data-flat='{elsewhere.Id}']"));
    }
}
