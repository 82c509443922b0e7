using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notices;

/// <summary>
/// Issue 14: notices, letters, posters and results are signed by the real body of whoever posts, issues or convenes
/// them (梨花小区居民委员会, 梨花小区物业服务企业 …), never by a hard-coded 业主委员会.
/// </summary>
public sealed class SignatureTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestCompound> CompoundAsync() =>
        Factory.CreateCompoundAsync("SG" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);

    private static string Text(IParentNode scope, string selector) =>
        (scope.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector}")).TextContent.Trim();

    /// <summary>Posts a notice through the real form and returns its address.</summary>
    private static async Task<string> PostNoticeAsync(HttpClient poster, TestCompound c, string title)
    {
        var post = await poster.SubmitFormAsync($"/c/{c.Code}/notices/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Body"] = "2026年12月10日9:00在小区广场召开居民议事会。",
            ["Input.Category"] = "General",
            ["Input.Reach"] = "Compound",
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        return post.Headers.Location!.OriginalString;
    }

    private static async Task<IDocument> IssueLettersAsync(HttpClient issuer, string code)
    {
        var response = await issuer.SubmitFormAsync($"/c/{code}/register/letters", new Dictionary<string, string> { ["Mode"] = "new" },
            "#letters-form", "#issue-button");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    [Fact]
    public async Task A_notice_by_a_residents_committee_member_is_signed_by_the_residents_committee_on_paper_and_online()
    {
        var c = await CompoundAsync();
        // The compound also has an owners' committee, and its letters' issuing unit names it: a notice still signs for its author.
        var (_, owners) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        await owners.SubmitFormAsync($"/c/{c.Code}/register/help-desk", new Dictionary<string, string> { ["Input.IssuingUnit"] = $"{c.Compound.Name}业主委员会" }, "#help-desk-form");
        var (_, residents) = await Factory.RoleHolderAsync(c, CompoundRoleKind.ResidentsCommittee);
        var (_, owner) = await Factory.ResidentAsync(c, c.Flat("1-1-101"));
        var url = await PostNoticeAsync(residents, c, "居民议事会通知");

        var detail = await owner.GetDocumentAsync(url);
        Assert.Equal($"发布单位：{c.Compound.Name}居民委员会", Text(detail, "#notice-signature"));
        Assert.DoesNotContain("业主委员会", Text(detail, "#notice"));

        var sheet = (await owner.GetDocumentAsync(url + "/print")).QuerySelector("#notice-sheet")!;
        Assert.Equal($"{c.Compound.Name}居民委员会（盖章）", Text(sheet, ".printed-issuer"));
        Assert.DoesNotContain("业主委员会", sheet.TextContent);
    }

    [Fact]
    public async Task A_notice_by_the_property_company_and_one_by_the_party_organisation_are_signed_by_their_own_bodies()
    {
        var c = await CompoundAsync();
        var (_, property) = await Factory.RoleHolderAsync(c, CompoundRoleKind.PropertyManager);
        var (_, party) = await Factory.RoleHolderAsync(c, CompoundRoleKind.PartyOrganisation);
        var byProperty = await PostNoticeAsync(property, c, "电梯年检通知");
        var byParty = await PostNoticeAsync(party, c, "党员志愿服务");

        Assert.Equal($"发布单位：{c.Compound.Name}物业服务企业", Text(await property.GetDocumentAsync(byProperty), "#notice-signature"));
        Assert.Equal($"{c.Compound.Name}物业服务企业（盖章）", Text(await property.GetDocumentAsync(byProperty + "/print"), ".printed-issuer"));
        Assert.Equal($"发布单位：{c.Compound.Name}社区党组织", Text(await party.GetDocumentAsync(byParty), "#notice-signature"));

        // Once the committee enters the company's name on the help-desk page, the property company signs with it.
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var tooLong = await committee.SubmitFormAsync($"/c/{c.Code}/register/help-desk",
            new Dictionary<string, string> { ["Input.PropertyCompany"] = new string('物', 101) }, "#help-desk-form");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("100", Text(await FormClient.ParseAsync(tooLong), "[data-valmsg-for='Input.PropertyCompany']"));
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync($"/c/{c.Code}/register/help-desk",
            new Dictionary<string, string> { ["Input.PropertyCompany"] = " 梨花物业服务有限公司 " }, "#help-desk-form")).StatusCode);
        Assert.Equal("梨花物业服务有限公司", (await committee.GetDocumentAsync($"/c/{c.Code}/register/help-desk"))
            .QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_PropertyCompany")!.Value);
        var named = await PostNoticeAsync(property, c, "停水通知");
        Assert.Equal("发布单位：梨花物业服务有限公司", Text(await property.GetDocumentAsync(named), "#notice-signature"));
        Assert.Equal("梨花物业服务有限公司（盖章）", Text(await property.GetDocumentAsync(named + "/print"), ".printed-issuer"));
        Assert.Equal($"发布单位：{c.Compound.Name}社区党组织", Text(await party.GetDocumentAsync(byParty), "#notice-signature"));
    }

    [Fact]
    public async Task A_letter_without_an_issuing_unit_is_signed_by_the_issuers_body_and_with_one_by_the_issuing_unit()
    {
        var c = await CompoundAsync();
        var (_, residents) = await Factory.RoleHolderAsync(c, CompoundRoleKind.ResidentsCommittee);

        var help = await residents.GetDocumentAsync($"/c/{c.Code}/register/help-desk");
        Assert.Contains($"“{c.Compound.Name}居民委员会”", Text(help, "#help-desk-intro"));
        Assert.DoesNotContain("业主委员会", Text(help, "#help-desk-intro"));

        var letter = (await IssueLettersAsync(residents, c.Code)).QuerySelector("section.letter")!;
        Assert.Equal($"{c.Compound.Name}居民委员会（盖章）", Text(letter, ".printed-issuer"));

        Assert.Equal(HttpStatusCode.Redirect, (await residents.SubmitFormAsync($"/c/{c.Code}/register/help-desk",
            new Dictionary<string, string> { ["Input.IssuingUnit"] = "梨花社区居民委员会" }, "#help-desk-form")).StatusCode);
        var reissued = await residents.SubmitFormAsync($"/c/{c.Code}/register/letters", new Dictionary<string, string> { ["Mode"] = "reissue" },
            "#letters-form", "#issue-button");
        var again = (await FormClient.ParseAsync(reissued)).QuerySelector("section.letter")!;
        Assert.Equal("梨花社区居民委员会（盖章）", Text(again, ".printed-issuer"));
    }

    [Fact]
    public async Task A_poster_a_building_lead_prints_is_signed_by_the_compounds_convening_body()
    {
        var c = await CompoundAsync();
        await Factory.RoleHolderAsync(c, CompoundRoleKind.PropertyManagementCommittee);
        var building = c.Building("1");
        var (_, lead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, building.Id);

        var sheet = (await lead.GetDocumentAsync($"/c/{c.Code}/poster?building={building.Id}")).QuerySelector("#poster-sheet")!;
        Assert.Equal($"{c.Compound.Name}物业管理委员会（盖章）", Text(sheet, ".printed-issuer"));
    }

    [Fact]
    public async Task The_signing_body_follows_the_role_a_convener_holds_and_falls_back_to_the_compound()
    {
        var c = await CompoundAsync();
        var (streetId, _) = await Factory.RoleHolderAsync(c, CompoundRoleKind.StreetOfficer);
        var (bothId, _) = await Factory.RoleHolderAsync(c, CompoundRoleKind.PartyOrganisation);
        await Factory.GrantAsync(bothId, c, CompoundRoleKind.ResidentsCommittee);
        var nobody = await Factory.CreateUserAsync($"nobody-{Guid.NewGuid():N}@example.com");

        await Factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var s = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedText>>();
            Assert.Equal($"{c.Compound.Name}所在街道办事处", await ConvenerName.OfUserAsync(db, c.Compound, streetId, s, Ct));
            // A convener's role comes before the party organisation's.
            Assert.Equal($"{c.Compound.Name}居民委员会", await ConvenerName.OfUserAsync(db, c.Compound, bothId, s, Ct));
            // No role here: the compound's convening body (the residents' committee before the street office).
            Assert.Equal($"{c.Compound.Name}居民委员会", await ConvenerName.OfUserAsync(db, c.Compound, nobody.Id, s, Ct));
            Assert.Null(await ConvenerName.BodyOfAsync(db, c.Compound, nobody.Id, s, Ct));
        });
        var bare = await CompoundAsync();
        await Factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var s = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedText>>();
            Assert.Equal(bare.Compound.Name, await ConvenerName.OfUserAsync(db, bare.Compound, null, s, Ct));
        });
    }
}
