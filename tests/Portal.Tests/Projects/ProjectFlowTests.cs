using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Projects;

/// <summary>A plan item from construction to acceptance over HTTP, through the real forms.</summary>
public sealed class ProjectFlowTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Posts the page's form as multipart (with its antiforgery token and hidden fields) plus files.</summary>
    public static async Task<HttpResponseMessage> PostWithFilesAsync(HttpClient client, string url, string formSelector,
        IDictionary<string, string> fields, string fileField, params (string Name, string Type, byte[] Content)[] files)
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no {formSelector} on {url}");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            if (!fields.ContainsKey(hidden.Name!)) content.Add(new StringContent(hidden.Value), hidden.Name!);
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, fileField, name);
        }
        return await client.PostAsync(form.GetAttribute("action"), content);
    }

    private async Task<(TestCompound Compound, PlanItem Item)> ItemInConstructionAsync(string code)
    {
        var compound = await Factory.CreateCompoundAsync(code);
        var item = await Factory.WithDb(async db =>
        {
            var item = new PlanItem(compound.Id, PlanCategory.Upgrade, "电动汽车充电桩", "地下车库20个充电桩", Scope.WholeCompound, 36_000_000, null, DateTimeOffset.UtcNow);
            item.MoveTo(PlanItemStatus.Approved, DateTimeOffset.UtcNow);
            item.MoveTo(PlanItemStatus.Tendering, DateTimeOffset.UtcNow);
            item.MoveTo(PlanItemStatus.InConstruction, DateTimeOffset.UtcNow);
            db.Add(item);
            await db.SaveChangesAsync();
            return item;
        });
        return (compound, item);
    }

    [Fact]
    public async Task An_item_goes_from_progress_updates_and_a_problem_report_to_ratings_and_acceptance()
    {
        var (compound, item) = await ItemInConstructionAsync("PRJFLOW");
        var url = $"/c/{compound.Code}/projects/{item.Id}";
        var (_, pm) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var (residentId, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (_, tenant) = await Factory.ResidentAsync(compound, compound.Flat("2-1-101"), ResidentRelation.Tenant);

        // The property manager posts progress with a photo; residents are notified.
        var posted = await PostWithFilesAsync(pm, url, "#update-form",
            new Dictionary<string, string> { ["Update.Text"] = "充电桩底座浇筑完成", ["Update.WorkDate"] = "2026-05-02", ["Update.PercentDone"] = "40" },
            "photos", ("site.jpg", "image/jpeg", UploadCheckTests.JpegWithGps()));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await resident.GetDocumentAsync(url);
        Assert.Contains("充电桩底座浇筑完成", page.QuerySelector("#timeline")!.TextContent);
        Assert.Single(page.QuerySelectorAll("#timeline img"));
        Assert.Null(page.QuerySelector("#update-form"));
        Assert.True(await Factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.ConstructionUpdate && e.CompoundId == compound.Id)));

        // A resident reports a problem; the property manager answers and closes it; the reporter reopens it once.
        var reported = await PostWithFilesAsync(resident, url, "#report-form",
            new Dictionary<string, string> { ["Report.Kind"] = "NightNoise", ["Report.Text"] = "晚上十一点还在施工" },
            "photos", ("noise.jpg", "image/jpeg", UploadCheckTests.JpegWithGps()));
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        var report = await Factory.WithDb(db => db.Set<ProblemReport>().SingleAsync(p => p.PlanItemId == item.Id));
        Assert.Equal(residentId, report.ReportedBy);

        var answered = await pm.SubmitFormAsync(url, new Dictionary<string, string> { ["answer"] = "已要求施工队22点前停工" }, $"#answer-form-{report.Id}");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.True(await Factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.ProblemReportAnswered && e.AudienceJson.Contains(residentId))));

        var reopened = await resident.SubmitFormAsync(url, new Dictionary<string, string> { ["reason"] = "昨晚仍有噪音" }, $"#reopen-form-{report.Id}");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        await pm.SubmitFormAsync(url, new Dictionary<string, string> { ["answer"] = "已处罚施工队" }, $"#answer-form-{report.Id}");
        page = await resident.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector($"#reopen-form-{report.Id}"));
        Assert.Equal("Closed", page.QuerySelector($".problem[data-id='{report.Id}']")!.GetAttribute("data-status"));

        // The works complete: owners get a survey.
        var completed = await pm.SubmitFormAsync(url, new Dictionary<string, string>(), "#move-form", "#move-Completed");
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.True(await Factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.SurveyOpened && e.CompoundId == compound.Id)));

        // The owner rates, then changes the rating; the tenant has no form.
        var flatId = compound.Flat("1-1-101").Id;
        Assert.Equal(HttpStatusCode.Redirect, (await resident.SubmitFormAsync(url, new Dictionary<string, string> { ["rating"] = "3" }, $"#rate-form-{flatId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await resident.SubmitFormAsync(url, new Dictionary<string, string> { ["rating"] = "5", ["comment"] = "很方便" }, $"#rate-form-{flatId}")).StatusCode);
        var answers = await Factory.WithDb(db => db.Set<SurveyAnswer>().Where(a => a.FlatId == flatId).ToListAsync());
        Assert.Equal(5, Assert.Single(answers).Rating);
        Assert.Empty((await tenant.GetDocumentAsync(url)).QuerySelectorAll(".rate-form"));
        page = await resident.GetDocumentAsync(url);
        Assert.Equal("5.00", page.QuerySelector("#survey-average")!.TextContent.Trim());
        Assert.Equal("1 / 24", page.QuerySelector("#survey-participation")!.TextContent.Trim());

        // The property manager cannot record the acceptance; the committee records the one the implementing body organised, with a PDF.
        Assert.Null((await pm.GetDocumentAsync(url)).QuerySelector("#accept-form"));
        var recorded = await PostWithFilesAsync(committee, url, "#accept-form",
            new Dictionary<string, string> { ["Accept.OrganisedBy"] = "梨花街道办事处", ["Accept.AcceptedOn"] = "2026-06-01", ["Accept.Notes"] = "验收合格" },
            "documents", ("验收报告.pdf", "application/pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        page = await resident.GetDocumentAsync(url);
        Assert.Equal("Accepted", page.QuerySelector("#item-status")!.GetAttribute("data-status"));
        Assert.Equal("由梨花街道办事处组织验收", page.QuerySelector("#acceptance-organised-by")!.TextContent.Trim());
        Assert.DoesNotContain("签署", page.QuerySelector("#acceptance-record")!.TextContent);
        Assert.Contains("5.00", page.QuerySelector("#acceptance-satisfaction")!.TextContent);
        Assert.Single(page.QuerySelectorAll(".acceptance-document"));
        Assert.Empty(page.QuerySelectorAll(".rate-form"));
    }

    [Fact]
    public async Task Residents_cannot_post_progress_and_items_of_other_compounds_are_not_found()
    {
        var (compound, item) = await ItemInConstructionAsync("PRJPERM");
        var (other, _) = await ItemInConstructionAsync("PRJOTHER");
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (_, pm) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);

        var page = await resident.GetDocumentAsync($"/c/{compound.Code}/projects/{item.Id}");
        Assert.Null(page.QuerySelector("#update-form"));
        var token = page.QuerySelector<IHtmlInputElement>("#report-form input[name=__RequestVerificationToken]")!.Value;
        var forged = await resident.PostAsync($"/c/{compound.Code}/projects/{item.Id}?handler=Update",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Update.Text"] = "x", ["Update.PercentDone"] = "10" }));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith("/account/access-denied", forged.Headers.Location!.PathAndQuery);

        var otherItemId = await Factory.WithDb(db => db.Set<PlanItem>().Where(i => i.CompoundId == other.Id).Select(i => i.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await pm.GetAsync($"/c/{compound.Code}/projects/{otherItemId}")).StatusCode);
    }

    [Fact]
    public async Task Bad_progress_keeps_what_was_typed_and_says_what_is_wrong()
    {
        var (compound, item) = await ItemInConstructionAsync("PRJBAD");
        var (_, pm) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var url = $"/c/{compound.Code}/projects/{item.Id}";
        var response = await pm.SubmitFormAsync(url, new Dictionary<string, string> { ["Update.Text"] = "管线入地", ["Update.PercentDone"] = "140" }, "#update-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("0 到 100", page.QuerySelector("#update-form .form-errors")!.TextContent);
        Assert.Equal("管线入地", page.QuerySelector("#update-text")!.TextContent);

        var refused = await PostWithFilesAsync(pm, url, "#update-form",
            new Dictionary<string, string> { ["Update.Text"] = "管线入地", ["Update.PercentDone"] = "50" }, "photos", ("fake.jpg", "image/jpeg", "not a photo"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("fake.jpg", (await FormClient.ParseAsync(refused)).QuerySelector("#update-form .form-errors")!.TextContent);
    }

    [Fact]
    public async Task The_committee_adds_a_plan_item_and_residents_see_it_by_category()
    {
        var compound = await Factory.CreateCompoundAsync("PRJADD");
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var bad = await committee.SubmitFormAsync($"/c/{compound.Code}/projects",
            new Dictionary<string, string> { ["Input.Title"] = "屋面防水", ["Input.Budget"] = "abc" }, "#new-item-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("屋面防水", (await FormClient.ParseAsync(bad)).QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);

        var added = await committee.SubmitFormAsync($"/c/{compound.Code}/projects",
            new Dictionary<string, string> { ["Input.Title"] = "屋面防水", ["Input.Category"] = "Basic", ["Input.Budget"] = "120000", ["Input.PlannedStart"] = "2026-04-01", ["Input.PlannedEnd"] = "2026-06-30" }, "#new-item-form");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var list = await resident.GetDocumentAsync($"/c/{compound.Code}/projects");
        Assert.Contains("屋面防水", list.QuerySelector(".plan-item")!.TextContent);
        Assert.Contains("¥120,000.00", list.QuerySelector(".plan-item")!.TextContent);
        Assert.Null(list.QuerySelector("#new-item-form"));
    }
}
