using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Notices;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Ops;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notices;

/// <summary>What a notice board needs on paper: the invitation letter and a printed notice carry every required field.</summary>
public sealed class PrintedLetterAndNoticeTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string AbsoluteDate = @"^\d{4}年\d{1,2}月\d{1,2}日$";

    private static readonly Dictionary<string, string> HelpDesk = new()
    {
        ["Input.IssuingUnit"] = "和平里小区业主委员会",
        ["Input.HelpPhone"] = "010-6420 1234",
        ["Input.HelpPlace"] = "3号楼1层居委会办公室",
        ["Input.HelpHours"] = "周一至周五9:00至17:00",
    };

    private async Task<(TestCompound Compound, HttpClient Committee)> CompoundAsync()
    {
        var compound = await Factory.CreateCompoundAsync("PR" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        return (compound, committee);
    }

    private static async Task<IDocument> IssueLettersAsync(HttpClient committee, string code)
    {
        var response = await committee.SubmitFormAsync($"/c/{code}/register/letters", new Dictionary<string, string> { ["Mode"] = "new" },
            "#letters-form", "#issue-button");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    private static string Text(IElement scope, string selector) =>
        (scope.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector}")).TextContent.Trim();

    private static string Today => Shanghai.ToLocal(DateTimeOffset.UtcNow) is var d ? $"{d.Year}年{d.Month}月{d.Day}日" : "";

    /// <summary>The site footer says the anti-fraud line and is left off printouts.</summary>
    private static void AssertFooterOffPaper(IDocument page)
    {
        var footer = page.QuerySelector("footer.site-footer")!;
        Assert.Contains("本平台不会索要银行卡密码或短信验证码", footer.TextContent);
        Assert.DoesNotContain("受法律保护", page.Body!.TextContent);
        Assert.Contains("d-print-none", footer.ClassList);
        Assert.Contains("d-print-none", page.QuerySelector("header.site-header")!.ClassList);
    }

    [Fact]
    public async Task The_invitation_letter_carries_the_issuer_date_seal_purpose_owner_only_anti_fraud_offline_route_and_help_desk()
    {
        var (compound, committee) = await CompoundAsync();
        var saved = await committee.SubmitFormAsync($"/c/{compound.Code}/register/help-desk", HelpDesk, "#help-desk-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await IssueLettersAsync(committee, compound.Code);
        var letters = page.QuerySelectorAll("section.letter").ToList();
        Assert.Equal(2, letters.Count);
        var letter = letters[0];
        Assert.Equal(compound.Compound.Name, Text(letter, ".letter-compound"));
        Assert.Equal("和平里小区业主委员会（盖章）", Text(letter, ".printed-issuer"));
        Assert.NotNull(letter.QuerySelector(".printed-seal"));
        Assert.Matches(AbsoluteDate, Text(letter, ".printed-date"));
        Assert.Equal(Today, Text(letter, ".printed-date"));
        var purpose = Text(letter, ".letter-purpose");
        Assert.StartsWith("用途：", purpose);
        Assert.DoesNotContain("\n", purpose);
        Assert.Equal("尊敬的1-1-101室业主：您好！", Text(letter, ".letter-greeting"));
        Assert.Equal("仅限业主本人使用，租户请交给业主。", Text(letter, ".letter-owner-only"));
        Assert.Equal("本平台不会索要银行卡密码或短信验证码。", Text(letter, ".letter-anti-fraud"));
        var offline = Text(letter, ".letter-offline");
        Assert.Contains("楼门长", offline);
        Assert.Contains("居委会", offline);
        var help = letter.QuerySelectorAll(".printed-help li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["咨询电话：010-6420 1234", "咨询地点：3号楼1层居委会办公室", "办公时间：周一至周五9:00至17:00"], help);
        Assert.Matches(@"^邀请码有效期至\d{4}年\d{1,2}月\d{1,2}日。$", Text(letter, ".letter-expires"));
        Assert.Matches(@"^[A-Z0-9-]+$", Text(letter, ".letter-code"));
        // Large type on paper: the printed sheet is set in 16pt.
        Assert.Contains("printed-sheet", letter.ClassList);
        var css = await committee.GetStringAsync("/css/site.css", Ct);
        Assert.Matches(@"\.printed-sheet \{ font-size: 1\.15rem;", css);
        Assert.Matches(@"@media print \{\s*\.printed-sheet \{ font-size: 16pt; \}", css);
        AssertFooterOffPaper(page);
    }

    [Fact]
    public async Task A_letter_without_a_help_desk_names_the_owners_committee_and_sends_residents_to_the_building_lead()
    {
        var (compound, committee) = await CompoundAsync();
        var letter = (await IssueLettersAsync(committee, compound.Code)).QuerySelector("section.letter")!;
        Assert.Equal($"{compound.Compound.Name}业主委员会（盖章）", Text(letter, ".printed-issuer"));
        Assert.Equal("如有疑问，请联系本楼楼门长或社区居委会。", Text(letter, ".printed-help"));
        Assert.Matches(AbsoluteDate, Text(letter, ".printed-date"));
    }

    [Fact]
    public async Task A_printed_notice_is_signed_by_its_authors_body_with_a_contact_and_absolute_dates_and_no_footer()
    {
        var (compound, committee) = await CompoundAsync();
        await committee.SubmitFormAsync($"/c/{compound.Code}/register/help-desk", HelpDesk, "#help-desk-form");
        var (_, manager) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var until = Shanghai.ToLocal(DateTimeOffset.UtcNow.AddDays(10));
        var post = await manager.SubmitFormAsync($"/c/{compound.Code}/notices/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "停水通知",
            ["Input.Body"] = "2026年12月3日8:00至12:00停水。",
            ["Input.Category"] = "Outage",
            ["Input.Reach"] = "Compound",
            ["Input.ExpiresAt"] = until.ToString("yyyy-MM-ddTHH:mm"),
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        var print = await manager.GetDocumentAsync(post.Headers.Location!.OriginalString + "/print");
        var sheet = print.QuerySelector("#notice-sheet")!;
        // The property-service company posted it: it signs, not the letters' issuing unit.
        Assert.Equal($"{compound.Compound.Name}物业服务企业（盖章）", Text(sheet, ".printed-issuer"));
        Assert.NotNull(sheet.QuerySelector(".printed-seal"));
        Assert.Contains("咨询电话：010-6420 1234", Text(sheet, ".printed-help"));
        Assert.Equal(Today, Text(sheet, ".printed-date"));
        Assert.Equal($"有效期至{until.Year}年{until.Month}月{until.Day}日", Text(sheet, "#notice-until"));
        Assert.Equal("本平台不会索要银行卡密码或短信验证码。", Text(sheet, "#notice-anti-fraud"));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", sheet.TextContent);
        AssertFooterOffPaper(print);
    }

    [Fact]
    public async Task The_help_desk_form_refuses_a_too_long_entry_with_a_message_and_keeps_what_was_typed()
    {
        var (compound, committee) = await CompoundAsync();
        var tooLong = new string('长', Compound.HelpDeskFieldMaxLength + 1);
        var response = await committee.SubmitFormAsync($"/c/{compound.Code}/register/help-desk",
            new Dictionary<string, string>(HelpDesk) { ["Input.HelpPlace"] = tooLong }, "#help-desk-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("咨询地点最多100个字，请删减后再提交。", page.QuerySelector("[data-valmsg-for='Input.HelpPlace']")!.TextContent.Trim());
        Assert.Equal(tooLong, page.QuerySelector("#Input_HelpPlace")!.GetAttribute("value"));
        Assert.Contains("最多100个字", page.QuerySelector("#HelpPlace-help")!.TextContent);
        var stored = await Factory.WithDb(db => db.Set<Compound>().SingleAsync(c => c.Id == compound.Id, Ct));
        Assert.Null(stored.HelpPlace);

        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        var refused = await resident.GetAsync($"/c/{compound.Code}/register/help-desk", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_seeded_demo_notice_gives_an_absolute_date()
    {
        await DemoSeed.RunAsync(Factory.Services);
        var bodies = await Factory.WithDb(db => db.Set<Notice>().Select(n => n.BodyMarkdown).ToListAsync(Ct));
        Assert.NotEmpty(bodies);
        Assert.All(bodies, b => Assert.DoesNotMatch("今天|明天|后天", b));
        Assert.Contains(bodies, b => System.Text.RegularExpressions.Regex.IsMatch(b, @"\d{4}年\d{1,2}月\d{1,2}日"));
    }
}
