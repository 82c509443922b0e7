using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Projects;

/// <summary>
/// Issue 14, acceptance: residents' representatives (building leads and owners of the item's scope) give their
/// acceptance opinions on completed works; a convener records the acceptance the implementing body organised.
/// </summary>
public sealed class AcceptanceOpinionTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string NotCompleted = "只有已完工、尚未记录验收的事项才能提交验收意见。";
    private const string NotRepresentative = "只有本事项范围内的楼门长和业主可以提交居民代表验收意见。";
    private const string ReasonRequired = "不同意验收或有条件同意时，请写明理由或条件。";

    /// <summary>A compound of 2 buildings × 2 entrances × 6 flats and one item for building 1 in the given status.</summary>
    private async Task<(TestCompound Compound, PlanItem Item, string Url)> ItemAsync(PlanItemStatus status)
    {
        var compound = await Factory.CreateCompoundAsync("AO" + Guid.NewGuid().ToString("N")[..6]);
        var item = await Factory.WithDb(async db =>
        {
            var item = new PlanItem(compound.Id, PlanCategory.Improvement, "1号楼电动自行车充电棚", "", Scope.OfBuilding(compound.Building("1").Id), 8_000_000, null, DateTimeOffset.UtcNow);
            foreach (var s in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed })
            {
                if (item.Status == status) break;
                item.MoveTo(s, DateTimeOffset.UtcNow);
            }
            db.Add(item);
            await db.SaveChangesAsync();
            return item;
        });
        return (compound, item, $"/c/{compound.Code}/projects/{item.Id}");
    }

    private async Task<(string UserId, HttpClient Client)> NamedAsync(string name, Func<string, Task> give)
    {
        var email = $"ao-{Guid.NewGuid():N}@example.com";
        var user = await Factory.CreateUserAsync(email, name: name);
        await give(user.Id);
        return (user.Id, await Factory.SignedInClientAsync(email));
    }

    private static Dictionary<string, string> Opinion(string verdict, string? text = null) =>
        text is null ? new() { ["Opinion.Verdict"] = verdict } : new() { ["Opinion.Verdict"] = verdict, ["Opinion.Text"] = text };

    private static string Text(IParentNode page, string selector) =>
        (page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector}")).TextContent.Trim();

    private static (string Agree, string Disagree, string Conditional) Counts(IParentNode page, string selector)
    {
        var e = page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector}");
        return (e.GetAttribute("data-agree")!, e.GetAttribute("data-disagree")!, e.GetAttribute("data-conditional")!);
    }

    /// <summary>Posts the opinion handler directly, with a token from a form the caller does have (the problem report form).</summary>
    private static async Task<HttpResponseMessage> ForgeOpinionAsync(HttpClient client, string url, string verdict, string? text = null)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector<IHtmlInputElement>("form[method=post] input[name=__RequestVerificationToken]")!.Value;
        var fields = new Dictionary<string, string>(Opinion(verdict, text)) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync($"{url}?handler=Opinion", new FormUrlEncodedContent(fields), Ct);
    }

    private Task<List<AcceptanceOpinion>> OpinionsAsync(long itemId) =>
        Factory.WithDb(db => db.Set<AcceptanceOpinion>().AsNoTracking().Where(o => o.PlanItemId == itemId).ToListAsync(Ct));

    [Fact]
    public async Task Representatives_give_opinions_the_page_lists_with_counts_and_the_recorded_acceptance_keeps_as_they_stood()
    {
        var (c, item, url) = await ItemAsync(PlanItemStatus.Completed);
        var entrance = c.Entrance("1", "1");
        var (_, lead) = await NamedAsync("王楼长", id => Factory.GrantAsync(id, c, CompoundRoleKind.BuildingLead, entrance.BuildingId, entrance.Id));
        var (_, owner) = await NamedAsync("李业主", id => Factory.LinkAsync(id, c, c.Flat("1-2-101")));
        var (ownerTwoId, ownerTwo) = await NamedAsync("赵业主", id => Factory.LinkAsync(id, c, c.Flat("1-1-102")));
        var (_, tenant) = await Factory.ResidentAsync(c, c.Flat("1-1-201"), ResidentRelation.Tenant);
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);

        // The lead's form names the capacity; the tenant is no representative and has no form.
        var leadPage = await lead.GetDocumentAsync(url);
        Assert.Equal("您以1号楼1单元楼门长的身份提交。", Text(leadPage, "#opinion-as"));
        Assert.Null((await tenant.GetDocumentAsync(url)).QuerySelector("#opinion-form"));
        Assert.Equal("还没有居民代表提交验收意见。", Text(leadPage, "#opinions"));

        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitFormAsync(url, Opinion("Agree"), "#opinion-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(url, Opinion("Conditional", "车棚顶棚接缝须补胶"), "#opinion-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerTwo.SubmitFormAsync(url, Opinion("Disagree", "充电插座没有漏电保护"), "#opinion-form")).StatusCode);

        // The opinion is the owner's personal data: on 我的信息 and in its download.
        var myData = await owner.GetDocumentAsync("/account/my-data");
        var shown = myData.QuerySelector("#my-data-acceptance .acceptance-opinion[data-verdict='Conditional']")!.TextContent;
        Assert.Contains(item.Title, shown);
        Assert.Contains("有条件同意", shown);
        Assert.Contains("车棚顶棚接缝须补胶", shown);
        Assert.Contains("车棚顶棚接缝须补胶", await owner.GetStringAsync("/account/my-data?handler=download", Ct));
        Assert.Null((await tenant.GetDocumentAsync("/account/my-data")).QuerySelector("#my-data-acceptance"));

        // Giving it again replaces one's own: still one row, now agreeing, with no reason.
        var mine = await ownerTwo.GetDocumentAsync(url);
        Assert.True(mine.QuerySelector<IHtmlInputElement>("#opinion-Disagree")!.IsChecked);
        Assert.Equal("修改我的验收意见", Text(mine, "#opinion-submit"));
        Assert.Equal(HttpStatusCode.Redirect, (await ownerTwo.SubmitFormAsync(mine, new Dictionary<string, string> { ["Opinion.Verdict"] = "Agree", ["Opinion.Text"] = "" }, "#opinion-form")).StatusCode);
        var rows = await OpinionsAsync(item.Id);
        Assert.Equal(3, rows.Count);
        var replaced = Assert.Single(rows, o => o.UserId == ownerTwoId);
        Assert.Equal(AcceptanceVerdict.Agree, replaced.Verdict);
        Assert.Null(replaced.Text);
        Assert.Equal(RepresentativeCapacity.Owner, replaced.Capacity);
        Assert.Equal(c.Flat("1-1-102").Id, replaced.FlatId);

        // The committee sees names with the building or flat; other residents see who in which capacity, no names.
        var seen = await committee.GetDocumentAsync(url);
        Assert.Equal(("2", "0", "1"), Counts(seen, "#opinion-counts"));
        Assert.Equal("同意验收2人，不同意验收0人，有条件同意1人", Text(seen, "#opinion-counts"));
        var lines = seen.QuerySelectorAll(".acceptance-opinion").Select(li => (Who: Text(li, ".opinion-who"), Verdict: li.GetAttribute("data-verdict"))).ToList();
        Assert.Equal([("王楼长（1号楼1单元楼门长）", "Agree"), ("赵业主（1-1-102室业主）", "Agree"), ("李业主（1-2-101室业主）", "Conditional")], lines);
        Assert.Contains("车棚顶棚接缝须补胶", Text(seen, "#opinions"));
        var byTenant = await tenant.GetDocumentAsync(url);
        var tenantSees = Text(byTenant, "#opinions");
        Assert.Contains("1号楼2单元业主", tenantSees);
        Assert.Contains("1号楼1单元楼门长", tenantSees);
        foreach (var name in new[] { "王楼长", "李业主", "赵业主", "1-2-101" }) Assert.DoesNotContain(name, tenantSees);
        Assert.Contains("您（1号楼2单元业主）", Text(await owner.GetDocumentAsync(url), "#opinions"));

        // The committee records the acceptance the street office organised; the counts are kept as they stood.
        var recorded = await ProjectFlowTests.PostWithFilesAsync(committee, url, "#accept-form",
            new Dictionary<string, string> { ["Accept.OrganisedBy"] = "梨花街道办事处", ["Accept.AcceptedOn"] = "2026-06-01", ["Accept.Notes"] = "验收合格" },
            "documents", ("验收报告.pdf", "application/pdf", ProjectFlowTests.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var accepted = await owner.GetDocumentAsync(url);
        Assert.Equal("Accepted", accepted.QuerySelector("#item-status")!.GetAttribute("data-status"));
        Assert.Equal("由梨花街道办事处组织验收", Text(accepted, "#acceptance-organised-by"));
        Assert.Equal("居民代表验收意见（同意验收2人，不同意验收0人，有条件同意1人）", Text(accepted, "#acceptance-opinion-counts"));
        Assert.StartsWith("记录于", Text(accepted, "#acceptance-recorded"));
        Assert.DoesNotContain("签署", Text(accepted, "#acceptance-record"));
        Assert.Null(accepted.QuerySelector("#opinion-form"));
        var record = await Factory.WithDb(db => db.Set<AcceptanceRecord>().SingleAsync(r => r.PlanItemId == item.Id, Ct));
        Assert.Equal(new OpinionCounts(2, 0, 1), record.Opinions);

        // After the acceptance an opinion is refused with a message, and nothing changes.
        var late = await ForgeOpinionAsync(owner, url, "Disagree", "太晚了");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains(NotCompleted, Text(await FormClient.ParseAsync(late), ".validation-summary-errors"));
        Assert.Equal(AcceptanceVerdict.Conditional, (await OpinionsAsync(item.Id)).Single(o => o.FlatId == c.Flat("1-2-101").Id).Verdict);
    }

    [Fact]
    public async Task A_missing_or_too_long_reason_or_no_choice_is_refused_at_the_form_and_nothing_is_stored()
    {
        var (c, item, url) = await ItemAsync(PlanItemStatus.Completed);
        var (_, owner) = await Factory.ResidentAsync(c, c.Flat("1-1-101"));

        var missing = await owner.SubmitFormAsync(url, Opinion("Disagree", "  "), "#opinion-form");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var page = await FormClient.ParseAsync(missing);
        Assert.Equal(ReasonRequired, Text(page, "#opinion-form .form-errors"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("#opinion-Disagree")!.IsChecked);

        var tooLong = new string('长', AcceptanceOpinion.TextMaxLength + 1);
        page = await FormClient.ParseAsync(await owner.SubmitFormAsync(url, Opinion("Conditional", tooLong), "#opinion-form"));
        Assert.Equal("意见说明最多2000个字，请删减后再提交。", Text(page, "#opinion-form .form-errors"));
        Assert.Equal(tooLong, page.QuerySelector<IHtmlTextAreaElement>("#opinion-text")!.Value);

        page = await FormClient.ParseAsync(await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Opinion.Text"] = "没选" }, "#opinion-form"));
        Assert.Equal("请选择同意验收、不同意验收或有条件同意。", Text(page, "#opinion-form .form-errors"));

        page = await FormClient.ParseAsync(await owner.SubmitFormAsync(url, Opinion("Maybe"), "#opinion-form"));
        Assert.Equal("请选择同意验收、不同意验收或有条件同意。", Text(page, "#opinion-form .form-errors"));

        Assert.Empty(await OpinionsAsync(item.Id));
    }

    [Fact]
    public async Task Works_not_completed_or_a_representative_outside_the_scope_are_refused_with_a_message()
    {
        var (c, item, url) = await ItemAsync(PlanItemStatus.Completed);
        // An owner and the lead of building 2, outside the item's scope (building 1): no form, and a forged post is refused.
        var (_, outsider) = await Factory.ResidentAsync(c, c.Flat("2-1-101"));
        var (_, otherLead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, c.Building("2").Id, null);
        foreach (var client in new[] { outsider, otherLead })
        {
            Assert.Null((await client.GetDocumentAsync(url)).QuerySelector("#opinion-form"));
            var refused = await ForgeOpinionAsync(client, url, "Agree");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(NotRepresentative, Text(await FormClient.ParseAsync(refused), ".validation-summary-errors"));
        }
        // The lead of the whole building 1 represents it.
        var (_, buildingLead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, c.Building("1").Id, null);
        Assert.Equal("您以1号楼楼门长的身份提交。", Text(await buildingLead.GetDocumentAsync(url), "#opinion-as"));

        // Works still in construction: refused with a message.
        var (c2, building, url2) = await ItemAsync(PlanItemStatus.InConstruction);
        var (_, early) = await Factory.ResidentAsync(c2, c2.Flat("1-1-101"));
        Assert.Null((await early.GetDocumentAsync(url2)).QuerySelector("#opinion-form"));
        var tooEarly = await ForgeOpinionAsync(early, url2, "Agree");
        Assert.Equal(HttpStatusCode.OK, tooEarly.StatusCode);
        Assert.Contains(NotCompleted, Text(await FormClient.ParseAsync(tooEarly), ".validation-summary-errors"));

        // A tenant in scope holds no representative's capability.
        var (_, tenant) = await Factory.ResidentAsync(c, c.Flat("1-1-202"), ResidentRelation.Tenant);
        var denied = await ForgeOpinionAsync(tenant, url, "Agree");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery);

        Assert.Empty(await OpinionsAsync(item.Id));
        Assert.Empty(await OpinionsAsync(building.Id));
    }

    [Fact]
    public async Task Recording_the_acceptance_without_the_implementing_body_is_refused_and_keeps_the_item_completed_with_no_file_stored()
    {
        var (c, item, url) = await ItemAsync(PlanItemStatus.Completed);
        var (_, street) = await Factory.RoleHolderAsync(c, CompoundRoleKind.StreetOfficer);
        var filesBefore = await Factory.WithDb(db => db.Set<StoredFile>().CountAsync(f => f.CompoundId == c.Id, Ct));

        var refused = await ProjectFlowTests.PostWithFilesAsync(street, url, "#accept-form",
            new Dictionary<string, string> { ["Accept.OrganisedBy"] = " ", ["Accept.AcceptedOn"] = "2026-06-01", ["Accept.Notes"] = "验收合格" },
            "documents", ("验收报告.pdf", "application/pdf", ProjectFlowTests.Pdf));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Equal("请填写组织验收的实施主体。", Text(page, "#accept-form .form-errors"));
        Assert.Equal("验收合格", page.QuerySelector<IHtmlTextAreaElement>("#accept-notes")!.Value);

        var tooLong = await ProjectFlowTests.PostWithFilesAsync(street, url, "#accept-form",
            new Dictionary<string, string> { ["Accept.OrganisedBy"] = new string('街', AcceptanceRecord.OrganisedByMaxLength + 1), ["Accept.AcceptedOn"] = "2026-06-01" },
            "documents", ("验收报告.pdf", "application/pdf", ProjectFlowTests.Pdf));
        Assert.Equal("实施主体最多100个字，请删减后再提交。", Text(await FormClient.ParseAsync(tooLong), "#accept-form .form-errors"));

        Assert.Equal(PlanItemStatus.Completed, (await Factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.Id == item.Id, Ct))).Status);
        Assert.False(await Factory.WithDb(db => db.Set<AcceptanceRecord>().AnyAsync(r => r.PlanItemId == item.Id, Ct)));
        Assert.Equal(filesBefore, await Factory.WithDb(db => db.Set<StoredFile>().CountAsync(f => f.CompoundId == c.Id, Ct)));

        // The street office (a convener) records it once the body is named.
        var recorded = await ProjectFlowTests.PostWithFilesAsync(street, url, "#accept-form",
            new Dictionary<string, string> { ["Accept.OrganisedBy"] = "唐山市某建设工程有限公司", ["Accept.AcceptedOn"] = "2026-06-01" },
            "documents", ("验收报告.pdf", "application/pdf", ProjectFlowTests.Pdf));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var record = await Factory.WithDb(db => db.Set<AcceptanceRecord>().SingleAsync(r => r.PlanItemId == item.Id, Ct));
        Assert.Equal("唐山市某建设工程有限公司", record.OrganisedBy);
        Assert.Equal(OpinionCounts.None, record.Opinions);
    }

    [Fact]
    public void Representatives_are_building_leads_and_owners_of_the_scope_and_never_a_platform_admin_or_tenant()
    {
        var item = new PlanItem(1, PlanCategory.Improvement, "加装电梯", "", Scope.OfEntrance(10, 100), null, null, DateTimeOffset.UtcNow);
        Membership Lead(long building, long? entrance) => new(true, false, false, [new(CompoundRoleKind.BuildingLead, building, entrance)], []);
        Membership Tied(ResidentRelation relation, long building, long entrance) =>
            new(true, false, false, [], [new FlatTie(7, 70, building, entrance, relation)]);

        Assert.Equal(RepresentativeCapacity.BuildingLead, Representative.Of(Lead(10, 100), item)!.Capacity);
        Assert.Equal(RepresentativeCapacity.BuildingLead, Representative.Of(Lead(10, null), item)!.Capacity);
        Assert.Null(Representative.Of(Lead(10, 101), item));
        Assert.Null(Representative.Of(Lead(11, null), item));
        Assert.Equal(7, Representative.Of(Tied(ResidentRelation.CoOwner, 10, 100), item)!.FlatId);
        Assert.Null(Representative.Of(Tied(ResidentRelation.Tenant, 10, 100), item));
        Assert.Null(Representative.Of(Tied(ResidentRelation.Owner, 10, 101), item));

        Assert.True(Lead(10, 100).Can(Capability.GiveAcceptanceOpinion));
        Assert.True(Tied(ResidentRelation.Owner, 10, 100).Can(Capability.GiveAcceptanceOpinion));
        Assert.False(Tied(ResidentRelation.Tenant, 10, 100).Can(Capability.GiveAcceptanceOpinion));
        Assert.False(new Membership(true, true, false, [], []).Can(Capability.GiveAcceptanceOpinion));
        Assert.False(new Membership(true, false, false, [new(CompoundRoleKind.Committee, null, null)], []).Can(Capability.GiveAcceptanceOpinion));
    }
}
