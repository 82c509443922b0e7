using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

public sealed class RegisterPageTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Header = "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n";

    private async Task<(TestCompound Compound, HttpClient Committee, string CommitteeId)> CompoundWithCommitteeAsync()
    {
        var compound = await _factory.CreateCompoundAsync("P" + Guid.NewGuid().ToString("N")[..7], buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var (id, client) = await _factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        return (compound, client, id);
    }

    /// <summary>Uploads <paramref name="csv"/> on the import page and returns the preview page.</summary>
    public static async Task<IDocument> UploadAsync(HttpClient client, string code, string csv, string fileName = "register.csv")
    {
        var page = await client.GetDocumentAsync($"/c/{code}/register/import");
        var token = page.QuerySelector<IHtmlInputElement>("#upload-form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Upload", fileName);
        var response = await client.PostAsync($"/c/{code}/register/import?handler=Preview", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    [Fact]
    public async Task A_committee_member_imports_a_register_through_the_ui_after_a_preview()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var preview = await UploadAsync(committee, compound.Code, Header + "1,1,1,101,80.00,O-1-1-101,业主1-1-101,\n1,1,1,102,50,NEW,新业主,\n9,1,1,101,66.6,N9,九号楼业主,\n");
        Assert.Contains("1", preview.QuerySelector("#import-changes")!.TextContent);
        Assert.Equal(0, await _factory.WithDb(db => db.Set<Building>().CountAsync(b => b.CompoundId == compound.Id && b.Name == "9", Ct)));

        // Flats 201 and 202 would go, nobody is linked to them: no confirmation needed.
        var applied = await committee.SubmitFormAsync(preview, new Dictionary<string, string>(), "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal($"/c/{compound.Code}/register", applied.Headers.Location!.OriginalString);

        await _factory.WithDb(async db =>
        {
            var flats = await db.Set<Flat>().Where(f => f.CompoundId == compound.Id).ToListAsync(Ct);
            Assert.Equal(3, flats.Count);
            Assert.Equal(8_000 + 5_000 + 6_660, flats.Sum(f => f.ExclusiveAreaCents));
        });
        var register = await committee.GetStringAsync($"/c/{compound.Code}/register?b=9", Ct);
        Assert.Contains("九号楼业主", register);
        var log = await committee.GetStringAsync($"/c/{compound.Code}/register/log", Ct);
        Assert.Contains("register.csv", log);
    }

    [Fact]
    public async Task A_bad_file_is_refused_in_the_ui_with_chinese_line_numbers_and_nothing_changes()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var page = await UploadAsync(committee, compound.Code, Header + "1,1,1,101,80.001,O1,甲,\n1,1,1,101,50,,乙,\n");
        var errors = page.QuerySelectorAll("#import-errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith("第2行：面积"));
        Assert.Contains("第3行：房屋 1-1-101 已在第2行出现", errors);
        Assert.Contains("第3行：业主编号为空", errors);
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Equal(4, await _factory.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id, Ct)));
    }

    [Fact]
    public async Task Removing_a_flat_with_a_linked_resident_in_the_ui_needs_the_confirmation_box()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        await _factory.ResidentAsync(compound, compound.Flat("1-1-202"));
        var csv = Header + string.Join("\n", new[] { "101", "102", "201" }.Select(r => $"1,1,{r[0]},{r},50,O-1-1-{r},业主1-1-{r},")) + "\n";
        var preview = await UploadAsync(committee, compound.Code, csv);
        Assert.NotNull(preview.QuerySelector("#confirm-removals"));
        // The reason is in the reader's language, with no "(s)" (issue 17).
        Assert.Contains("1-1-202: 已关联1个居民账号", preview.Body!.TextContent);
        Assert.DoesNotContain("account(s)", preview.Body.TextContent);

        var refused = await committee.SubmitFormAsync(preview, new Dictionary<string, string>(), "#apply-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(4, await _factory.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id, Ct)));

        var confirmed = await committee.SubmitFormAsync(preview, new Dictionary<string, string> { ["ConfirmRemovals"] = "true" }, "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(3, await _factory.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id, Ct)));
        Assert.Contains("1-1-202", await committee.GetStringAsync($"/c/{compound.Code}/register/log", Ct));
    }

    private static async Task<List<(string Flat, string Code)>> IssueLettersAsync(HttpClient committee, string code, string mode = "new", string? room = null)
    {
        var fields = new Dictionary<string, string> { ["Mode"] = mode };
        if (room is not null) fields["Room"] = room;
        var response = await committee.SubmitFormAsync($"/c/{code}/register/letters", fields, "#letters-form", "#issue-button");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        return page.QuerySelectorAll(".letter-code").Select(e => (e.GetAttribute("data-flat")!, e.TextContent.Trim())).ToList();
    }

    [Fact]
    public async Task Letters_carry_single_use_codes_that_with_the_register_phone_link_the_claimant_as_owner()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var letters = await IssueLettersAsync(committee, compound.Code);
        Assert.Equal(4, letters.Count);
        Assert.Empty(await IssueLettersAsync(committee, compound.Code)); // every flat already has a usable code
        await _factory.WithDb(async db => Assert.DoesNotContain(letters[0].Code.Replace("-", ""),
            string.Join(",", await db.Set<InvitationCode>().Select(c => c.CodeHash).ToListAsync(Ct))));

        var phone = await Portal.Tests.Residents.ClaimTests.GivePhoneAsync(_factory, compound.Flat(letters[0].Flat));
        var user = await _factory.CreateUserAsync($"claim-{Guid.NewGuid():N}@example.com");
        var client = await _factory.SignedInClientAsync(user.Email!);
        var smsStep = await FormClient.ParseAsync(await client.SubmitFormAsync($"/residents/claim?code={letters[0].Code}", new Dictionary<string, string>(), "#claim-form"));
        Assert.False(await _factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == user.Id, Ct))); // the letter alone is not enough
        var claimed = await client.SubmitFormAsync(smsStep, new Dictionary<string, string> { ["Input.SmsCode"] = await Portal.Tests.Accounts.PhoneTestKit.LatestCodeAsync(_factory, phone) }, "#sms-form");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal($"/c/{compound.Code}", claimed.Headers.Location!.OriginalString);
        var link = await _factory.WithDb(db => db.Set<ResidentLink>().SingleAsync(l => l.UserId == user.Id, Ct));
        Assert.Equal((compound.Flat(letters[0].Flat).Id, ResidentRelation.Owner), (link.FlatId, link.Relation));

        var other = await _factory.CreateUserAsync($"late-{Guid.NewGuid():N}@example.com");
        var otherClient = await _factory.SignedInClientAsync(other.Email!);
        var reused = await otherClient.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = letters[0].Code.ToLowerInvariant() }, "#claim-form");
        Assert.Contains("邀请码已被使用", await reused.BodyAsync());
    }

    [Fact]
    public async Task Reissuing_a_letter_revokes_the_old_code()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var first = await IssueLettersAsync(committee, compound.Code, room: "101");
        var second = await IssueLettersAsync(committee, compound.Code, "reissue", room: "101");
        Assert.Single(first);
        Assert.Single(second);
        var user = await _factory.CreateUserAsync($"old-{Guid.NewGuid():N}@example.com");
        var client = await _factory.SignedInClientAsync(user.Email!);
        var old = await client.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = first[0].Code }, "#claim-form");
        Assert.Contains("邀请码已作废", await old.BodyAsync());
        var fresh = await client.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = second[0].Code }, "#claim-form");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotNull((await FormClient.ParseAsync(fresh)).QuerySelector("#sms-form")); // accepted: on to the SMS to the register's phone
    }

    [Fact]
    public async Task Guessing_codes_locks_the_account_out_even_for_a_right_code()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var letters = await IssueLettersAsync(committee, compound.Code);
        var user = await _factory.CreateUserAsync($"guess-{Guid.NewGuid():N}@example.com");
        var client = await _factory.SignedInClientAsync(user.Email!);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = $"WRONG-CODE{i}" }, "#claim-form");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var locked = await client.SubmitFormAsync("/residents/claim", new Dictionary<string, string> { ["Input.Code"] = letters[0].Code }, "#claim-form");
        Assert.Contains("错误次数太多", await locked.BodyAsync());
        Assert.False(await _factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == user.Id, Ct)));
    }

    [Fact]
    public async Task A_link_request_is_rejected_with_a_reason_or_approved_and_the_resident_is_told()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var user = await _factory.CreateUserAsync($"req-{Guid.NewGuid():N}@example.com");
        var resident = await _factory.SignedInClientAsync(user.Email!);
        async Task RequestAsync(string room, string relation)
        {
            var sent = await resident.SubmitFormAsync("/residents/request", new Dictionary<string, string>
            {
                ["Input.Compound"] = compound.Code, ["Input.Building"] = "1", ["Input.Entrance"] = "1", ["Input.Room"] = room,
                ["Input.Relation"] = relation, ["Input.Note"] = "我是租户",
            }, "#request-form");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        await RequestAsync("101", "Tenant");
        await RequestAsync("102", "Family");
        var noSuchFlat = await resident.SubmitFormAsync("/residents/request", new Dictionary<string, string>
        {
            ["Input.Compound"] = compound.Code, ["Input.Building"] = "1", ["Input.Entrance"] = "1", ["Input.Room"] = "999",
        }, "#request-form");
        Assert.Contains("找不到这户房屋", await noSuchFlat.BodyAsync());

        var requests = await committee.GetDocumentAsync($"/c/{compound.Code}/register/requests");
        var forms = requests.QuerySelectorAll(".pending-request").ToList();
        Assert.Equal(2, forms.Count);
        Assert.Contains(user.Email!, requests.Body!.TextContent);

        var firstId = forms[0].GetAttribute("data-id")!;
        var secondId = forms[1].GetAttribute("data-id")!;
        var noReason = await committee.SubmitFormAsync(requests, new Dictionary<string, string> { ["RequestId"] = firstId, ["Reason"] = "" },
            $".pending-request[data-id='{firstId}'] form", $".pending-request[data-id='{firstId}'] button[formaction*=Reject]");
        Assert.Contains("驳回申请需要填写理由", await noReason.BodyAsync());

        var rejected = await committee.SubmitFormAsync(requests, new Dictionary<string, string> { ["RequestId"] = firstId, ["Reason"] = "租赁合同不符" },
            $".pending-request[data-id='{firstId}'] form", $".pending-request[data-id='{firstId}'] button[formaction*=Reject]");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var approved = await committee.SubmitFormAsync(requests, new Dictionary<string, string> { ["RequestId"] = secondId },
            $".pending-request[data-id='{secondId}'] form", $".pending-request[data-id='{secondId}'] button[formaction*=Approve]");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var link = await _factory.WithDb(db => db.Set<ResidentLink>().SingleAsync(l => l.UserId == user.Id, Ct));
        Assert.Equal((compound.Flat("1-1-102").Id, ResidentRelation.Family), (link.FlatId, link.Relation));
        var events = await _factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.LinkRequestDecided && e.CompoundId == compound.Id).ToListAsync(Ct));
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal([user.Id], e.Audience.UserIds!));
        var mine = await resident.GetDocumentAsync("/residents/request");
        var statuses = mine.QuerySelectorAll(".request-status").Select(s => s.TextContent).ToList();
        Assert.Equal(["已通过", "已驳回"], statuses);
        Assert.Contains("租赁合同不符", mine.QuerySelector("#my-requests")!.TextContent);
    }

    [Fact]
    public async Task The_committee_unlinks_an_account_with_a_reason_and_the_history_stays()
    {
        var (compound, committee, _) = await CompoundWithCommitteeAsync();
        var (userId, resident) = await _factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync($"/c/{compound.Code}", Ct)).StatusCode);
        var page = await committee.GetDocumentAsync($"/c/{compound.Code}/register/residents");
        var id = page.QuerySelector(".resident-link")!.GetAttribute("data-id")!;
        // A too-long reason is refused with a message and kept in the field, never cut (issue 17).
        var tooLong = "已出售" + new string('房', 500);
        var refused = await committee.SubmitFormAsync(page, new Dictionary<string, string> { ["LinkId"] = id, ["Reason"] = tooLong }, $".resident-link[data-id='{id}'] form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.BodyAsync();
        Assert.Contains("理由最多500字，请删减后再提交。", refusedHtml);
        Assert.Contains($"value=\"{tooLong}\"", refusedHtml);
        Assert.Null((await _factory.WithDb(db => db.Set<ResidentLink>().SingleAsync(l => l.UserId == userId, Ct))).UnlinkedAt);

        var unlinked = await committee.SubmitFormAsync(page, new Dictionary<string, string> { ["LinkId"] = id, ["Reason"] = "已出售" }, $".resident-link[data-id='{id}'] form");
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        var link = await _factory.WithDb(db => db.Set<ResidentLink>().SingleAsync(l => l.UserId == userId, Ct));
        Assert.Equal("已出售", link.UnlinkReason);
        Assert.Contains("已出售", await committee.GetStringAsync($"/c/{compound.Code}/register/residents", Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await resident.GetAsync($"/c/{compound.Code}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_platform_admin_creates_a_compound_and_assigns_and_revokes_roles_by_email()
    {
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(adminEmail, admin: true);
        var admin = await _factory.SignedInClientAsync(adminEmail);
        var code = "ADM" + Guid.NewGuid().ToString("N")[..5];
        var created = await admin.SubmitFormAsync("/admin/compounds", new Dictionary<string, string>
        {
            ["Input.Code"] = code, ["Input.Name"] = "新建小区", ["Input.City"] = "唐山市", ["Input.District"] = "路南区",
        }, "#create-compound");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var rolesUrl = created.Headers.Location!.OriginalString;

        var memberEmail = $"member-{Guid.NewGuid():N}@example.com";
        var member = await _factory.CreateUserAsync(memberEmail);
        var assigned = await admin.SubmitFormAsync(rolesUrl, new Dictionary<string, string> { ["Email"] = memberEmail, ["Kind"] = "Committee" }, "#assign-role");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var unknown = await admin.SubmitFormAsync(rolesUrl, new Dictionary<string, string> { ["Email"] = "nobody@example.com", ["Kind"] = "Committee" }, "#assign-role");
        Assert.Contains("没有使用该邮箱的账号", await unknown.BodyAsync());

        var memberClient = await _factory.SignedInClientAsync(memberEmail);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync($"/c/{code}/register", Ct)).StatusCode);

        var rolesPage = await admin.GetDocumentAsync(rolesUrl);
        var revoked = await admin.SubmitFormAsync(rolesPage, new Dictionary<string, string>(), "#roles form");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await _factory.WithDb(db => db.Set<CompoundRole>().AnyAsync(r => r.UserId == member.Id, Ct)));
    }
}
