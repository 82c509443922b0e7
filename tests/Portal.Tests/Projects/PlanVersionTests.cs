using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Consultations;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Consultations;
using Portal.Features.Projects;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Projects;

/// <summary>Plan versions (改造方案), their publication (方案公示), comments and the phase list: the rules and their refusals.</summary>
public sealed class PlanVersionTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);
    private static int counter;
    private PortalFactory Factory => fixture.Factory;
    private static string Code() => $"PLV{Interlocked.Increment(ref counter)}{Guid.NewGuid().ToString("N")[..4]}".ToUpperInvariant();

    private static PlanVersionDraft Draft(string text = "方案全文", string? changes = null, int days = 5, string implementer = "路北区住建局",
        Dictionary<FundingSource, long>? budget = null) =>
        new(text, changes, implementer, null, null, null, budget ?? new() { [FundingSource.CitySubsidy] = 2_000_000 }, days);

    private static PlanItem Item(PlanCategory category = PlanCategory.Improvement) =>
        new(1, category, "电动自行车充电棚", "", Scope.OfBuilding(2), 3_000_000, null, At);

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden ||
            (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied")),
            $"expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");

    private static string Refusal(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void A_version_needs_its_text_an_implementer_a_long_enough_period_and_from_version_two_what_changed()
    {
        var item = Item();
        Assert.Equal("plan_version.text_required", Refusal(() => PlanVersion.Publish(item, 1, Draft(text: "  "), 5, 0, "c", At)));
        Assert.Equal("plan_version.period_too_short", Refusal(() => PlanVersion.Publish(item, 1, Draft(days: 4), 5, 0, "c", At)));
        Assert.Equal("plan_version.period_too_long", Refusal(() => PlanVersion.Publish(item, 1, Draft(days: 61), 5, 0, "c", At)));
        Assert.Equal("plan_version.implementer_required", Refusal(() => PlanVersion.Publish(item, 1, Draft(implementer: ""), 5, 0, "c", At)));
        Assert.Equal("plan_version.changes_required", Refusal(() => PlanVersion.Publish(item, 2, Draft(), 5, 0, "c", At)));
        Assert.Equal("plan_version.budget_negative", Refusal(() =>
            PlanVersion.Publish(item, 1, Draft(budget: new() { [FundingSource.Residents] = -1 }), 5, 0, "c", At)));
        Assert.Equal("plan_version.too_many_documents", Refusal(() => PlanVersion.Publish(item, 1, Draft(), 5, PlanVersion.MaxDocuments + 1, "c", At)));

        var v1 = PlanVersion.Publish(item, 1, Draft(budget: new() { [FundingSource.CitySubsidy] = 2_000_000, [FundingSource.Residents] = 1_000_000, [FundingSource.SocialCapital] = 0 }), 5, 0, "c", At);
        Assert.Equal(At.AddDays(5), v1.PublicationEndsAt);
        Assert.Equal(3_000_000, v1.BudgetTotalFen);
        Assert.Equal([FundingSource.CitySubsidy, FundingSource.Residents], v1.Budget.Select(b => b.Source));
        Assert.True(v1.InPublicationAt(At.AddDays(5).AddTicks(-1)));
        Assert.False(v1.InPublicationAt(At.AddDays(5)));
        Assert.Equal("加装喷淋", PlanVersion.Publish(item, 2, Draft(changes: " 加装喷淋 "), 5, 0, "c", At).Changes);

        // Finished or cancelled works get no new plan.
        item.MoveTo(PlanItemStatus.Cancelled, At);
        Assert.Equal("plan_version.item_closed", Refusal(() => PlanVersion.Publish(item, 1, Draft(), 5, 0, "c", At)));
    }

    [Fact]
    public void Comments_are_taken_while_the_plan_is_published_and_an_answer_needs_its_text()
    {
        var version = PlanVersion.Publish(Item(), 1, Draft(), 5, 0, "c", At);
        Assert.Equal("plan_comment.text_required", Refusal(() => PlanComment.Write(version, "u", " ", At.AddDays(1))));
        Assert.Equal("plan_comment.text_too_long", Refusal(() => PlanComment.Write(version, "u", new string('意', PlanComment.TextMaxLength + 1), At.AddDays(1))));
        Assert.Equal("plan_comment.publication_over", Refusal(() => PlanComment.Write(version, "u", "太近了", At.AddDays(5))));
        var comment = PlanComment.Write(version, "u", " 太近了 ", At.AddDays(1));
        Assert.Equal("太近了", comment.Text);
        Assert.Equal("plan_comment.answer_required", Refusal(() => comment.AnswerWith("", "c", At)));
        comment.AnswerWith("已北移6米", "c", At.AddDays(2), inVersionId: 7);
        Assert.Equal(("已北移6米", 7L), (comment.Answer, comment.AnsweredInVersionId!.Value));
        Assert.Equal("plan_phase.reason_required", Refusal(() => new PlanPhaseSkip(Item(), PlanPhase.CoFunding, " ", "c", At)));
    }

    [Fact]
    public async Task Publishing_posts_a_notice_to_the_scope_a_plan_consultation_needs_a_published_version_and_basic_works_skip_the_vote()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (committeeId, _) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var item = await Factory.WithDb(async db =>
        {
            var i = new PlanItem(compound.Id, PlanCategory.Basic, "2号楼雨污分流", "", Scope.OfBuilding(compound.Building("2").Id), 9_000_000, null, DateTimeOffset.UtcNow);
            db.Add(i);
            await db.SaveChangesAsync();
            return i;
        });
        var draft = new ConsultationDraft(ConsultationKind.Plan, "方案征询", "是否同意？", item.Scope, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7),
            false, [], item.Id);
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Factory.Scoped(sp => sp.GetRequiredService<OpenConsultation>().OpenAsync(compound.Compound, draft, committeeId)));
        Assert.Equal("consultation.plan_not_published", refused.Code);

        var version = await Factory.Scoped(sp => sp.GetRequiredService<PlanVersions>().PublishAsync(compound.Compound, item, Draft(days: 7), [], [], committeeId));
        var notice = await Factory.WithDb(db => db.Set<Notice>().SingleAsync(n => n.Id == version.NoticeId));
        Assert.Equal(NoticeReach.Buildings, notice.Reach);
        Assert.Equal([compound.Building("2").Id], notice.TargetIds);
        Assert.Contains("【方案公示】2号楼雨污分流（第1版）", notice.Title);
        Assert.Contains("路北区住建局", notice.BodyMarkdown);
        Assert.Equal(version.PublicationEndsAt, notice.ExpiresAt);

        var consultation = await Factory.Scoped(sp => sp.GetRequiredService<OpenConsultation>().OpenAsync(compound.Compound, draft, committeeId));
        Assert.Equal(version.Id, consultation.PlanVersionId);

        var phases = await Factory.Scoped(async sp => await sp.GetRequiredService<PlanPhases>().OfAsync(compound.Compound, item));
        var vote = phases.Single(p => p.Phase == PlanPhase.Vote);
        Assert.Equal((PhaseState.Skipped, true), (vote.State, vote.SkippedByRule));
        Assert.Equal(PhaseState.Current, phases.Single(p => p.Phase == PlanPhase.PlanPublication).State);
        Assert.Equal(PhaseState.Current, phases.Single(p => p.Phase == PlanPhase.PlanConsultation).State);
        Assert.Equal((PhaseState.Skipped, true), (phases[0].State, phases[0].SkippedByRule));
        Assert.Equal(PlanPhases.Order, phases.Select(p => p.Phase));
    }

    [Fact]
    public async Task The_plan_page_refuses_a_comment_from_someone_who_lives_elsewhere_and_publishing_by_a_resident()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (committeeId, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var item = await Factory.WithDb(async db =>
        {
            var i = new PlanItem(compound.Id, PlanCategory.Improvement, "充电棚", "", Scope.WholeCompound, 3_000_000, null, DateTimeOffset.UtcNow);
            db.Add(i);
            await db.SaveChangesAsync();
            return i;
        });
        await Factory.Scoped(sp => sp.GetRequiredService<PlanVersions>().PublishAsync(compound.Compound, item, Draft(), [], [], committeeId));
        var url = $"/c/{compound.Code}/projects/{item.Id}/plan";

        // A resident comments through the page; an empty comment is refused with the reason and nothing is stored.
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var empty = await resident.SubmitFormAsync(url, new Dictionary<string, string> { ["CommentText"] = " " }, "#comment-form");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("请填写您的意见", (await FormClient.ParseAsync(empty)).Body!.TextContent);
        Assert.False(await Factory.WithDb(db => db.Set<PlanComment>().AnyAsync(c => c.PlanItemId == item.Id)));
        var sent = await resident.SubmitFormAsync(url, new Dictionary<string, string> { ["CommentText"] = "请加装喷淋" }, "#comment-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("请加装喷淋", (await Factory.WithDb(db => db.Set<PlanComment>().SingleAsync(c => c.PlanItemId == item.Id))).Text);

        // The committee member lives elsewhere: no comment form, and a posted comment is refused.
        var page = await committee.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#comment-form"));
        Assert.NotNull(page.QuerySelector("#publish-form"));
        var token = page.QuerySelector<IHtmlInputElement>("#publish-form input[name=__RequestVerificationToken]")!.Value;
        var forbidden = await committee.PostAsync(url + "?handler=Comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CommentText"] = "委员会不在此评论", ["__RequestVerificationToken"] = token,
        }));
        AssertRefused(forbidden);
        Assert.Equal(1, await Factory.WithDb(db => db.Set<PlanComment>().CountAsync(c => c.PlanItemId == item.Id)));

        // A resident sees no publish form and cannot publish.
        var residentPage = await resident.GetDocumentAsync(url);
        Assert.Null(residentPage.QuerySelector("#publish-form"));
        var residentToken = residentPage.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var publish = await resident.PostAsync(url + "?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Text"] = "居民自拟方案", ["Input.ImplementingBody"] = "某公司", ["Input.PublicationDays"] = "5", ["__RequestVerificationToken"] = residentToken,
        }));
        AssertRefused(publish);
        Assert.Equal(1, await Factory.WithDb(db => db.Set<PlanVersion>().CountAsync(v => v.PlanItemId == item.Id)));

        // A bad budget amount is refused naming the source, and what was typed stays.
        var bad = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Text"] = "第二版", ["Input.Changes"] = "调整预算", ["Input.BudgetYuan[CitySubsidy]"] = "两万", ["Input.PublicationDays"] = "5",
        }, "#publish-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await FormClient.ParseAsync(bad);
        Assert.Contains("“市级财政资金”的金额不正确", badPage.Body!.TextContent);
        Assert.Equal("调整预算", badPage.QuerySelector<IHtmlTextAreaElement>("#publish-changes")!.Value);
        Assert.Equal(1, await Factory.WithDb(db => db.Set<PlanVersion>().CountAsync(v => v.PlanItemId == item.Id)));
    }
}
