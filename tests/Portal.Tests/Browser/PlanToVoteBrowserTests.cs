using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Consultations;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Projects;
using Portal.Features.Shared;
using Portal.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Browser;

/// <summary>
/// Issue 14's "done when", in a real Chromium: an e-bike charging shed for building 2 goes from a resident's proposal
/// (one support per flat) through a willingness consultation opened by the 居委会 with a door-step answer, plan
/// version 1 with a drawing and a budget, a resident's comment answered by version 2, a plan consultation on version 2,
/// to the binding vote that carries version 2; the phase list is checked after each step. The clock is moved through
/// the consultation and the publication period.
/// </summary>
public sealed class PlanToVoteBrowserTests
{
    private static string Local(DateTimeOffset utc) => Shanghai.ToLocal(utc).ToString("yyyy-MM-ddTHH:mm");

    /// <summary>The upgrade page's phase list shows exactly these states, in the national order.</summary>
    private static async Task ExpectPhasesAsync(IPage page, string itemUrl, params (PlanPhase Phase, string State)[] expected)
    {
        await page.GotoAsync(itemUrl);
        var all = new Dictionary<PlanPhase, string>(PlanPhases.Order.Select(p => KeyValuePair.Create(p, "Upcoming")));
        foreach (var (phase, state) in expected) all[phase] = state;
        await Assertions.Expect(page.Locator("#phase-list .phase")).ToHaveCountAsync(PlanPhases.Order.Count);
        foreach (var (phase, state) in all)
            await Assertions.Expect(page.Locator($"#phase-list .phase[data-phase='{phase}']")).ToHaveAttributeAsync("data-state", state);
    }

    [Fact]
    public async Task E_bike_shed_from_proposal_through_consultations_and_two_plan_versions_to_the_vote_that_carries_version_two()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new VotesFactory();
        var address = factory.StartKestrel();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PLN"), buildings: 2, entrances: 1, floors: 3, flatsPerFloor: 2);
        await factory.RelaxVoteRulesAsync(c);
        var counter = 0;
        async Task<string> Account(string label, CompoundRoleKind? role = null, ResidentRelation? relation = ResidentRelation.Owner, string? flat = null, long? building = null)
        {
            var email = $"plan{++counter}-{Guid.NewGuid():N}@example.com";
            var user = await factory.CreateUserAsync(email, name: label);
            if (role is { } r) await factory.GrantAsync(user.Id, c, r, building);
            if (flat is not null) await factory.LinkAsync(user.Id, c, c.Flat(flat), relation!.Value);
            return email;
        }
        var committee = await Account("业委会主任", CompoundRoleKind.Committee, flat: null);
        var residentsCommittee = await Account("居委会主任", CompoundRoleKind.ResidentsCommittee, flat: null);
        var lead = await Account("2号楼楼门长", CompoundRoleKind.BuildingLead, flat: null, building: c.Building("2").Id);
        var author = await Account("张桂兰", flat: "2-1-101");
        var neighbour = await Account("李建国", flat: "2-1-102");
        var neighboursSon = await Account("李小明", flat: "2-1-102", relation: ResidentRelation.Family);
        var upstairs = await Account("王秀英", flat: "2-1-201");
        var across = await Account("赵志强", flat: "2-1-202");

        // 1. A resident proposes the shed for building 2; neighbours support it, one support per flat.
        var resident = await browser.SignInAsync(address, author);
        await resident.GotoAsync($"/c/{c.Code}/proposals/new");
        await resident.Locator("#proposal-title").FillAsync("2号楼电动自行车充电棚");
        await resident.Locator("#proposal-category").SelectOptionAsync(nameof(ProposalCategory.EBikeCharging));
        await resident.Locator("#proposal-scope").SelectOptionAsync($"b:{c.Building("2").Id}");
        await resident.Locator("#proposal-description").FillAsync("在2号楼北侧空地建电动自行车充电棚，避免楼道充电起火。");
        await resident.Locator("#proposal-publish").ClickAsync();
        await Assertions.Expect(resident.Locator("#proposal-status")).ToBeVisibleAsync();
        var proposalUrl = new Uri(resident.Url).AbsolutePath;
        var proposalId = long.Parse(proposalUrl.Split('/').Last());

        foreach (var email in new[] { neighbour, neighboursSon, upstairs, across })
        {
            var page = await browser.SignInAsync(address, email);
            await page.GotoAsync(proposalUrl);
            await page.Locator("#support-button").ClickAsync();
            if (email == neighboursSon)
                await Assertions.Expect(page.Locator("body")).ToContainTextAsync("每户只计一次");
            else
                await Assertions.Expect(page.Locator("#supporting")).ToBeVisibleAsync();
            await page.CloseAsync();
        }
        var supports = await factory.WithDb(db => db.Set<ProposalSupport>().Where(s => s.ProposalId == proposalId).Select(s => s.FlatId).ToListAsync());
        Assert.Equal(3, supports.Count);
        Assert.Equal(3, supports.Distinct().Count());
        // Three households are the threshold: the proposal goes to the committee by itself.
        Assert.Equal(ProposalStatus.UnderReview, await factory.WithDb(db => db.Set<Proposal>().Where(p => p.Id == proposalId).Select(p => p.Status).SingleAsync()));

        // The owners' committee accepts it: the upgrade is on the plan, as 完善类.
        var desk = await browser.SignInAsync(address, committee, phone: false);
        await desk.GotoAsync($"{proposalUrl}/review");
        await desk.Locator("#accept-cost").FillAsync("30000");
        await desk.Locator("#accept-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#proposal-status")).ToBeVisibleAsync();
        var item = await factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.ProposalId == proposalId));
        Assert.Equal(PlanCategory.Improvement, item.Category);
        var itemUrl = $"/c/{c.Code}/projects/{item.Id}";
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"));

        // 2. The 居委会 opens a willingness consultation for building 2, closing in three days.
        // They start from the upgrade's phase list: the willingness phase offers to open one; the plan consultation
        // does not yet, since no plan version is published.
        var jwh = await browser.SignInAsync(address, residentsCommittee, phone: false);
        await jwh.GotoAsync(itemUrl);
        await Assertions.Expect(jwh.Locator("#phase-list .phase[data-phase='PlanConsultation'] .phase-open")).ToHaveCountAsync(0);
        await jwh.Locator("#phase-list .phase[data-phase='WillingnessConsultation'] .phase-open").ClickAsync();
        await jwh.WaitForURLAsync($"**/c/{c.Code}/consultations/new?planItem={item.Id}&kind=Willingness");
        await Assertions.Expect(jwh.Locator("#kind-Willingness")).ToBeCheckedAsync();
        await Assertions.Expect(jwh.Locator("#consultation-plan-item")).ToHaveValueAsync(item.Id.ToString());
        await jwh.Locator("#consultation-title").FillAsync("2号楼充电棚意愿征询");
        await jwh.Locator("#consultation-question").FillAsync("是否同意在2号楼北侧建电动自行车充电棚？");
        await jwh.Locator("#consultation-scope").SelectOptionAsync($"b:{c.Building("2").Id}");
        var now = factory.Clock.GetUtcNow();
        await jwh.Locator("#consultation-closes").FillAsync(Local(now.AddDays(3)));
        await jwh.Locator("#consultation-submit").ClickAsync();
        await Assertions.Expect(jwh.Locator("#consultation-title")).ToHaveTextAsync("2号楼充电棚意愿征询");
        var willingnessId = long.Parse(new Uri(jwh.Url).AbsolutePath.Split('/').Last());
        // Signed by the convener's real name: the residents' committee, not a hard-coded owners' committee.
        await Assertions.Expect(jwh.Locator("#consultation-convener")).ToHaveTextAsync($"{c.Compound.Name}居民委员会");
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Current"));
        await Assertions.Expect(desk.Locator("#phase-list .phase[data-phase='WillingnessConsultation'] a"))
            .ToHaveAttributeAsync("href", $"/c/{c.Code}/consultations/{willingnessId}");

        // 3. The building lead records an answer given at the door of 2-1-301, logged as assisted.
        var leadPage = await browser.SignInAsync(address, lead);
        await leadPage.GotoAsync($"/c/{c.Code}/consultations/{willingnessId}/doorstep");
        var door = c.Flat("2-1-301").Id;
        await leadPage.Locator($"#door-{door}-Agree").CheckAsync();
        await leadPage.Locator($"#door-{door}-reason").FillAsync("老人行动不便，楼门长上门记录");
        await leadPage.Locator($"#door-{door}-submit").ClickAsync();
        await Assertions.Expect(leadPage.Locator("#doorstep-recorded")).ToContainTextAsync("301");
        var doorAnswer = await factory.WithDb(db => db.Set<ConsultationAnswer>().SingleAsync(a => a.ConsultationId == willingnessId && a.FlatId == door));
        Assert.Equal(ConsultationChoice.Agree, doorAnswer.Choice);
        factory.Clock.Offset = TimeSpan.FromDays(4);
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Done"));

        // 4. The committee publishes version 1 with a drawing and a budget. No text, or too short a period, is refused and nothing is lost.
        var planUrl = $"{itemUrl}/plan";
        await desk.GotoAsync(planUrl);
        await Assertions.Expect(desk.Locator("#plan-none")).ToBeVisibleAsync();
        await desk.Locator("#publish-implementer").FillAsync("路北区住房和城乡建设局");
        await desk.Locator("#publish-designer").FillAsync("唐山市建筑设计研究院");
        await desk.Locator("#budget-CitySubsidy").FillAsync("20000");
        await desk.Locator("#budget-Residents").FillAsync("10000");
        await desk.Locator("#publish-days").FillAsync("5");
        await desk.Locator("#publish-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#publish-form .form-errors")).ToContainTextAsync("请填写方案全文");
        await Assertions.Expect(desk.Locator("#publish-implementer")).ToHaveValueAsync("路北区住房和城乡建设局");
        await desk.Locator("#publish-text").FillAsync("## 充电棚方案\n\n- 位置：2号楼北侧空地\n- 规模：**20个充电口**，刷卡计费");
        await desk.Locator("#publish-days").FillAsync("3");
        await desk.Locator("#publish-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#publish-form .form-errors")).ToContainTextAsync("公示期至少5天");
        Assert.False(await factory.WithDb(db => db.Set<PlanVersion>().AnyAsync(v => v.PlanItemId == item.Id)));
        await desk.Locator("#publish-days").FillAsync("5");
        await desk.Locator("#publish-documents").SetInputFilesAsync(new FilePayload
        {
            Name = "充电棚平面图.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        });
        await desk.Locator("#publish-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#plan-version")).ToHaveAttributeAsync("data-version", "1");
        await Assertions.Expect(desk.Locator("#plan-state")).ToHaveAttributeAsync("data-state", "published");
        await Assertions.Expect(desk.Locator("#plan-text strong")).ToHaveTextAsync("20个充电口");
        await Assertions.Expect(desk.Locator("#plan-budget-total")).ToHaveTextAsync("¥30,000.00");
        await Assertions.Expect(desk.Locator("#plan-documents .plan-document")).ToHaveTextAsync("充电棚平面图.pdf");
        await Assertions.Expect(desk.Locator("#plan-implementer")).ToHaveTextAsync("路北区住房和城乡建设局");
        await Assertions.Expect(desk.Locator("#plan-publisher")).ToContainTextAsync($"{c.Compound.Name}业主委员会");
        // The drawing is served to residents, and the publication went out as a notice to building 2.
        await resident.GotoAsync(planUrl);
        var drawing = await resident.APIRequest.GetAsync(await resident.Locator("#plan-documents .plan-document").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, drawing.Status);
        await resident.Locator("#plan-notice").ClickAsync();
        await Assertions.Expect(resident.Locator("#notice-title")).ToContainTextAsync("【方案公示】2号楼电动自行车充电棚（第1版）");
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Done"), (PlanPhase.PlanPublication, "Current"));

        // 5. A resident comments; version 2 answers the comment, and the commenter is told.
        await resident.GotoAsync(planUrl);
        await resident.Locator("#comment-text").FillAsync("请加装烟感报警器和喷淋，充电棚离窗户太近。");
        await resident.Locator("#comment-submit").ClickAsync();
        await Assertions.Expect(resident.Locator("#comment-list .plan-comment .comment-text")).ToHaveTextAsync("请加装烟感报警器和喷淋，充电棚离窗户太近。");
        var comment = await factory.WithDb(db => db.Set<PlanComment>().SingleAsync(x => x.PlanItemId == item.Id));

        await desk.GotoAsync(planUrl);
        await desk.Locator("#publish-text").FillAsync("## 充电棚方案（修订）\n\n- 位置：2号楼北侧空地，距窗户6米\n- 规模：**20个充电口**\n- 加装烟感报警器和自动喷淋");
        await desk.Locator("#publish-changes").FillAsync("充电棚北移至距窗户6米，加装烟感报警器和自动喷淋。");
        await desk.Locator($"#answers-{comment.Id}").CheckAsync();
        await desk.Locator("#publish-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#plan-version")).ToHaveAttributeAsync("data-version", "2");
        await Assertions.Expect(desk.Locator("#plan-changes")).ToContainTextAsync("加装烟感报警器和自动喷淋");
        await Assertions.Expect(desk.Locator("#plan-versions a")).ToHaveCountAsync(2);
        await resident.GotoAsync($"{planUrl}?v=1");
        await Assertions.Expect(resident.Locator("#plan-superseded")).ToContainTextAsync("第2版");
        await Assertions.Expect(resident.Locator(".plan-comment .comment-answer")).ToContainTextAsync("已在第2版中答复");
        await Assertions.Expect(resident.Locator(".plan-comment .answered-in")).ToHaveAttributeAsync("href", $"{planUrl}?v=2");
        var told = await factory.WithDb(db => db.Set<NotificationEvent>()
            .Where(e => e.CompoundId == c.Id && e.Kind == NotificationKind.PlanVersionPublished).ToListAsync());
        var authorId = await factory.WithDb(db => db.Users.Where(u => u.Email == author).Select(u => u.Id).SingleAsync());
        Assert.Equal(new[] { authorId }, Assert.Single(told).Audience.UserIds);

        // 6. The 居委会 holds a plan consultation; it is on version 2, and an owner answers it.
        await jwh.GotoAsync($"/c/{c.Code}/consultations/new?planItem={item.Id}");
        await jwh.Locator("#kind-Plan").CheckAsync();
        await jwh.Locator("#consultation-title").FillAsync("2号楼充电棚方案征询");
        await jwh.Locator("#consultation-question").FillAsync("是否同意第2版充电棚方案？");
        await jwh.Locator("#consultation-scope").SelectOptionAsync($"b:{c.Building("2").Id}");
        await jwh.Locator("#consultation-closes").FillAsync(Local(factory.Clock.GetUtcNow().AddDays(5)));
        await jwh.Locator("#consultation-submit").ClickAsync();
        await Assertions.Expect(jwh.Locator("#consultation-version")).ToHaveAttributeAsync("data-version", "2");
        var planConsultation = new Uri(jwh.Url).AbsolutePath;
        await resident.GotoAsync(planConsultation);
        await resident.Locator("#choice-Agree").CheckAsync();
        await resident.Locator("#answer-submit").ClickAsync();
        await Assertions.Expect(resident.Locator(".my-answer")).ToContainTextAsync("同意");
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Done"),
            (PlanPhase.PlanConsultation, "Current"), (PlanPhase.PlanPublication, "Current"));

        // 7. The binding vote: refused while version 2 is still published, then it carries version 2.
        async Task CreateVoteAsync()
        {
            await desk.GotoAsync($"/c/{c.Code}/votes/new");
            await desk.Locator("#Input_Title").FillAsync("2号楼建设电动自行车充电棚");
            await desk.Locator("#Input_Rule").SelectOptionAsync("civil-code-ordinary");
            await desk.Locator("#Input_Scope").SelectOptionAsync($"b:{c.Building("2").Id}");
            await desk.Locator("#Input_ProposalId").FillAsync(proposalId.ToString());
            var start = factory.Clock.GetUtcNow();
            await desk.Locator("#Input_ClosesAt").FillAsync(Local(start.AddDays(7)));
            await desk.Locator("#create-vote").ClickAsync();
        }
        await CreateVoteAsync();
        await Assertions.Expect(desk.Locator(".validation-summary-errors")).ToContainTextAsync("方案还在公示期内");
        Assert.False(await factory.WithDb(db => db.Set<Matter>().AnyAsync(m => m.ProposalId == proposalId)));

        factory.Clock.Offset = TimeSpan.FromDays(10);
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Done"),
            (PlanPhase.PlanConsultation, "Done"), (PlanPhase.PlanPublication, "Done"));
        await CreateVoteAsync();
        await Assertions.Expect(desk.Locator("#vote-status")).ToBeVisibleAsync();
        var voteUrl = new Uri(desk.Url).AbsolutePath;
        await Assertions.Expect(desk.Locator(".matter-plan")).ToHaveAttributeAsync("data-plan-version", "2");
        await Assertions.Expect(desk.Locator(".matter-plan-link")).ToHaveAttributeAsync("href", $"{planUrl}?v=2");
        var matter = await factory.WithDb(db => db.Set<Matter>().SingleAsync(m => m.ProposalId == proposalId));
        var version2 = await factory.WithDb(db => db.Set<PlanVersion>().SingleAsync(v => v.PlanItemId == item.Id && v.Number == 2));
        Assert.Equal(version2.Id, matter.PlanVersionId);
        // The announcement shows exactly that version.
        var owner = await browser.SignInAsync(address, upstairs);
        await owner.GotoAsync(voteUrl);
        await Assertions.Expect(owner.Locator(".matter-plan")).ToContainTextAsync("第2版");
        await owner.GotoAsync($"/c/{c.Code}/notices");
        await owner.GetByText("2号楼建设电动自行车充电棚", new() { Exact = false }).First.ClickAsync();
        await Assertions.Expect(owner.Locator("#notice-body")).ToContainTextAsync("表决的改造方案：第2版");
        await Assertions.Expect(owner.Locator("#notice-body")).ToContainTextAsync("加装烟感报警器和自动喷淋");

        // 8. The phase list now shows the vote under way, its link, and the later phases still to come.
        await ExpectPhasesAsync(desk, itemUrl, (PlanPhase.Proposal, "Done"), (PlanPhase.WillingnessConsultation, "Done"),
            (PlanPhase.PlanConsultation, "Done"), (PlanPhase.PlanPublication, "Done"), (PlanPhase.Vote, "Current"));
        await Assertions.Expect(desk.Locator("#phase-list .phase[data-phase='Vote'] a")).ToHaveAttributeAsync("href", voteUrl);
        // A convener marks co-funding as skipped with a reason; residents see the reason.
        await desk.GotoAsync($"{planUrl}#skip");
        await desk.Locator("#skip-phase").SelectOptionAsync(nameof(PlanPhase.CoFunding));
        await desk.Locator("#skip-submit").ClickAsync();
        await Assertions.Expect(desk.Locator("#skip-form .form-errors")).ToContainTextAsync("请写明跳过的原因");
        await desk.Locator("#skip-phase").SelectOptionAsync(nameof(PlanPhase.CoFunding));
        await desk.Locator("#skip-reason").FillAsync("充电棚由运营企业投资建设，居民无需出资");
        await desk.Locator("#skip-submit").ClickAsync();
        await resident.GotoAsync(itemUrl);
        await Assertions.Expect(resident.Locator("#phase-list .phase[data-phase='CoFunding']")).ToHaveAttributeAsync("data-state", "Skipped");
        await Assertions.Expect(resident.Locator("#phase-list .phase[data-phase='CoFunding'] .phase-reason")).ToHaveTextAsync("充电棚由运营企业投资建设，居民无需出资");
        await Assertions.Expect(resident.Locator("#phase-list .phase[data-phase='Vote']")).ToHaveAttributeAsync("data-state", "Current");
    }
}
