using Microsoft.Playwright;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Ops;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Projects;

/// <summary>
/// Done-when for issue 8 in a real Chromium: progress with a photo → a problem reported, answered and closed → the item
/// completes → an owner rates it and gives a representative's opinion → the committee records the acceptance the implementing
/// body organised; then the seeded city on the officer's dashboard.
/// </summary>
public sealed class ProjectBrowserTests
{

    [Fact]
    public async Task Progress_problem_rating_and_acceptance_then_the_city_dashboard_shows_the_seeded_totals()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();

        var compound = await factory.CreateCompoundAsync("EVBROWSE");
        var itemId = await factory.WithDb(async db =>
        {
            var item = new PlanItem(compound.Id, PlanCategory.Upgrade, "电动汽车充电桩", "", Scope.WholeCompound, 36_000_000, null, DateTimeOffset.UtcNow);
            foreach (var s in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction }) item.MoveTo(s, DateTimeOffset.UtcNow);
            db.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        var itemUrl = $"/c/{compound.Code}/projects/{itemId}";
        var pmUser = await factory.CreateUserAsync("pm@example.com");
        await factory.GrantAsync(pmUser.Id, compound, CompoundRoleKind.PropertyManager);
        var committeeUser = await factory.CreateUserAsync("committee@example.com");
        await factory.GrantAsync(committeeUser.Id, compound, CompoundRoleKind.Committee);
        var owner = await factory.CreateUserAsync("owner@example.com");
        await factory.LinkAsync(owner.Id, compound, compound.Flat("1-1-101"));
        var officer = await factory.CreateUserAsync("officer@example.com");
        await factory.MakeCityOfficerAsync(officer.Id, "唐山市");

        // The property manager posts progress with a photo.
        var pm = await browser.SignInAsync(address, "pm@example.com");
        await pm.GotoAsync(itemUrl);
        await pm.GetByLabel("施工内容").FillAsync("充电桩底座浇筑完成");
        await pm.GetByLabel("完成比例（%）").FillAsync("60");
        await pm.GetByLabel("现场照片").SetInputFilesAsync(new FilePayload { Name = "site.jpg", MimeType = "image/jpeg", Buffer = UploadCheckTests.JpegWithGps() });
        await pm.Locator("#update-submit").ClickAsync();
        await Assertions.Expect(pm.Locator("#timeline .timeline-entry img")).ToHaveCountAsync(1);

        // The resident follows the timeline and reports a problem.
        var resident = await browser.SignInAsync(address, "owner@example.com");
        await resident.GotoAsync($"/c/{compound.Code}");
        await resident.Locator("#menu-projects").ClickAsync();
        await resident.Locator(".plan-item").First.ClickAsync();
        await Assertions.Expect(resident.Locator("#timeline")).ToContainTextAsync("充电桩底座浇筑完成");
        // The form is open on the page: no toggle to find first (issue 17).
        await Assertions.Expect(resident.Locator("#report-submit")).ToBeVisibleAsync();
        await resident.GetByLabel("问题类型").SelectOptionAsync("BlockedExit");
        await resident.GetByLabel("问题描述").FillAsync("材料堵住了2单元出口");
        await resident.Locator("#report-submit").ClickAsync();
        await Assertions.Expect(resident.Locator(".problem[data-status='Open']")).ToHaveCountAsync(1);

        // The property manager answers and closes it; the resident sees it closed.
        await pm.GotoAsync(itemUrl);
        await pm.Locator(".answer-form textarea").FillAsync("材料已清走，出口已恢复通行");
        await pm.Locator(".answer-form button[type=submit]").ClickAsync();
        await Assertions.Expect(pm.Locator(".problem[data-status='Closed']")).ToHaveCountAsync(1);
        await resident.ReloadAsync();
        await Assertions.Expect(resident.Locator(".problem .problem-answer")).ToContainTextAsync("出口已恢复通行");

        // The works complete; the owner rates them.
        await pm.Locator("#move-Completed").ClickAsync();
        await Assertions.Expect(pm.Locator("#item-status")).ToHaveAttributeAsync("data-status", "Completed");
        await resident.ReloadAsync();
        await resident.Locator(".rate-form").First.GetByLabel("4 分").CheckAsync();
        await resident.Locator(".rate-form textarea").First.FillAsync("充电很方便");
        await resident.Locator(".rate-form button[type=submit]").First.ClickAsync();
        await Assertions.Expect(resident.Locator("#survey-average")).ToHaveTextAsync("4.00");

        // As an owner in scope the resident is a residents' representative: agreeing with conditions needs the conditions.
        await resident.GetByLabel("有条件同意", new() { Exact = true }).CheckAsync();
        await resident.Locator("#opinion-submit").ClickAsync();
        await Assertions.Expect(resident.Locator("#opinion-form .form-errors")).ToContainTextAsync("请写明理由或条件");
        await resident.GetByLabel("意见说明（不同意验收或有条件同意时必填）").FillAsync("2单元出口地面须修补");
        await resident.Locator("#opinion-submit").ClickAsync();
        await Assertions.Expect(resident.Locator("#opinion-counts")).ToHaveTextAsync("同意验收0人，不同意验收0人，有条件同意1人");
        await Assertions.Expect(resident.Locator(".acceptance-opinion .opinion-text")).ToHaveTextAsync("2单元出口地面须修补");

        // The committee records the acceptance the implementing body organised, with a PDF.
        var committee = await browser.SignInAsync(address, "committee@example.com");
        await committee.GotoAsync(itemUrl);
        await committee.GetByLabel("组织验收的实施主体").FillAsync("梨花街道办事处");
        await committee.GetByLabel("验收日期").FillAsync("2026-06-01");
        await committee.GetByLabel("验收情况说明").FillAsync("验收合格");
        await committee.GetByLabel("验收文件（PDF 或照片）").SetInputFilesAsync(new FilePayload { Name = "acceptance.pdf", MimeType = "application/pdf", Buffer = ProjectFlowTests.Pdf });
        await committee.Locator("#accept-submit").ClickAsync();
        await Assertions.Expect(committee.Locator("#item-status")).ToHaveAttributeAsync("data-status", "Accepted");
        await Assertions.Expect(committee.Locator("#acceptance-satisfaction")).ToContainTextAsync("4.00");
        await Assertions.Expect(committee.Locator("#acceptance-organised-by")).ToHaveTextAsync("由梨花街道办事处组织验收");
        await Assertions.Expect(committee.Locator("#acceptance-opinion-counts")).ToHaveTextAsync("居民代表验收意见（同意验收0人，不同意验收0人，有条件同意1人）");
        await Assertions.Expect(committee.Locator("#opinion-form")).ToHaveCountAsync(0);

        // The city programme is seeded in-process; the officer's dashboard shows the published totals.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(await OpsCommandLine.RunAsync(factory.Services, ["seed-city", "--profile", "tangshan-2021"], stdout, stderr) == 0, stderr.ToString());
        var city = await browser.SignInAsync(address, "officer@example.com");
        await city.GotoAsync("/city");
        await Assertions.Expect(city.Locator("#total-compounds")).ToHaveTextAsync("221");
        await Assertions.Expect(city.Locator("#total-completed")).ToHaveTextAsync("204");
        await Assertions.Expect(city.Locator("#total-in-progress")).ToHaveTextAsync("17");
        await Assertions.Expect(city.Locator("#total-buildings")).ToHaveTextAsync("1,540");
        await Assertions.Expect(city.Locator("#total-households")).ToHaveTextAsync("57,600");
        await Assertions.Expect(city.Locator("#total-floor-area")).ToHaveTextAsync("4,470,800.00");
        await Assertions.Expect(city.Locator("#total-planned-investment")).ToHaveTextAsync("¥936,000,000.00");
        await Assertions.Expect(city.Locator("#provincial-compounds")).ToHaveTextAsync("184");
        await Assertions.Expect(city.Locator("#provincial-households")).ToHaveTextAsync("50,000");
        await Assertions.Expect(city.Locator("#funds-CentralSubsidy")).ToHaveTextAsync("¥121,430,000.00");
        await Assertions.Expect(city.Locator("#funds-SocialCapital")).ToHaveTextAsync("¥119,450,000.00");
        // The rating given above is the city's satisfaction; the charts were drawn.
        await Assertions.Expect(city.Locator("#city-satisfaction")).ToContainTextAsync("4.00");
        Assert.True(await city.EvaluateAsync<bool>("() => !!window.Chart && !!Chart.getChart('chart-status')"));

        await city.GetByLabel("区县", new() { Exact = true }).SelectOptionAsync("迁安市");
        await city.Locator("#filter-apply").ClickAsync();
        await Assertions.Expect(city.Locator("#city-compounds tbody tr td:nth-child(2)").First).ToHaveTextAsync("迁安市");

        foreach (var p in new[] { pm, resident, committee, city }) await p.Context.CloseAsync();
    }
}
