using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Tests.Projects;

public sealed class ProjectRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);

    private static PlanItem ItemIn(PlanItemStatus status)
    {
        var item = new PlanItem(1, PlanCategory.Upgrade, "电动汽车充电桩", "", Scope.WholeCompound, 12_000_000, null, At);
        foreach (var s in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed, PlanItemStatus.Accepted })
        {
            if (item.Status == status) break;
            item.MoveTo(s, At);
        }
        return item;
    }

    [Theory]
    [InlineData(PlanItemStatus.Approved, Capability.ManageProjects)]
    [InlineData(PlanItemStatus.Cancelled, Capability.ManageProjects)]
    [InlineData(PlanItemStatus.Accepted, Capability.ManageProjects)]
    [InlineData(PlanItemStatus.Tendering, Capability.PostConstructionUpdates)]
    [InlineData(PlanItemStatus.InConstruction, Capability.PostConstructionUpdates)]
    [InlineData(PlanItemStatus.Completed, Capability.PostConstructionUpdates)]
    public void Approving_cancelling_and_accepting_are_the_committees_moves_the_works_progress_is_the_property_managers_too(PlanItemStatus to, Capability needed)
    {
        Assert.Equal(needed, PlanItem.CapabilityToMoveTo(to));
        var committee = new Membership(true, false, false, [new CompoundRoleGrant(CompoundRoleKind.Committee, null, null)], []);
        var propertyManager = new Membership(true, false, false, [new CompoundRoleGrant(CompoundRoleKind.PropertyManager, null, null)], []);
        Assert.True(committee.Can(needed));
        Assert.Equal(needed == Capability.PostConstructionUpdates, propertyManager.Can(needed));
    }

    [Fact]
    public void Progress_can_be_posted_only_while_the_works_are_under_way()
    {
        Assert.Equal("update.not_in_construction",
            Assert.Throws<DomainException>(() => ConstructionUpdate.Post(ItemIn(PlanItemStatus.Approved), "x", new(2026, 5, 1), 10, "u", At)).Code);
        var update = ConstructionUpdate.Post(ItemIn(PlanItemStatus.InConstruction), "地基完成", new(2026, 5, 1), 30, "u", At);
        Assert.Equal(30, update.PercentDone);
        Assert.Equal("update.percent_out_of_range",
            Assert.Throws<DomainException>(() => ConstructionUpdate.Post(ItemIn(PlanItemStatus.InConstruction), "x", new(2026, 5, 1), 101, "u", At)).Code);
    }

    [Fact]
    public void A_report_is_answered_and_closed_and_the_reporter_can_reopen_it_once()
    {
        var report = new ProblemReport(ItemIn(PlanItemStatus.InConstruction), ProblemKind.NightNoise, "夜里十一点还在施工", "resident", At);
        Assert.Equal("problem.answer_required", Assert.Throws<DomainException>(() => report.AnswerAndClose(" ", "pm", At)).Code);
        report.AnswerAndClose("已要求施工队22点前停工", "pm", At);
        Assert.Equal(ProblemStatus.Closed, report.Status);

        Assert.Equal("problem.not_reporter", Assert.Throws<DomainException>(() => report.Reopen("someone-else", "still noisy", At)).Code);
        Assert.True(report.CanBeReopenedBy("resident"));
        report.Reopen("resident", "昨晚仍有噪音", At);
        Assert.Equal(ProblemStatus.Open, report.Status);
        report.AnswerAndClose("已处罚施工队", "pm", At);
        Assert.False(report.CanBeReopenedBy("resident"));
        Assert.Equal("problem.reopened_once", Assert.Throws<DomainException>(() => report.Reopen("resident", "again", At)).Code);
    }

    [Fact]
    public void A_survey_opens_only_for_completed_works_and_takes_ratings_from_one_to_five_while_open()
    {
        Assert.Equal("survey.item_not_completed",
            Assert.Throws<DomainException>(() => SatisfactionSurvey.OpenFor(ItemIn(PlanItemStatus.InConstruction), At, TimeSpan.FromDays(7))).Code);
        var survey = SatisfactionSurvey.OpenFor(ItemIn(PlanItemStatus.Completed), At, TimeSpan.FromDays(7));
        Assert.Equal("survey.rating_out_of_range", Assert.Throws<DomainException>(() => survey.Answer(5, 6, null, "o", At)).Code);
        var answer = survey.Answer(5, 4, "  好  ", "o", At.AddDays(1));
        Assert.Equal("好", answer.Comment);
        survey.Change(answer, 5, null, "o", At.AddDays(2));
        Assert.Equal(5, answer.Rating);
        Assert.Equal("survey.closed", Assert.Throws<DomainException>(() => survey.Change(answer, 3, null, "o", At.AddDays(7))).Code);
    }

    [Fact]
    public void Results_give_the_average_in_hundredths_and_participation()
    {
        var results = SurveyResults.Of([5, 4, 4], 12);
        Assert.Equal(433, results.AverageHundredths);
        Assert.Equal(2_500, results.ParticipationBasisPoints);
        Assert.Equal([0, 0, 0, 2, 1], results.CountByRating);
    }

    [Fact]
    public void Recording_the_acceptance_needs_completed_works_the_implementing_body_and_documents_and_closes_the_survey()
    {
        Assert.Equal("acceptance.item_not_completed", Assert.Throws<DomainException>(() =>
            AcceptanceRecord.Record(ItemIn(PlanItemStatus.InConstruction), "梨花街道办事处", new(2026, 6, 1), "", null, null, OpinionCounts.None, "c", At, [Guid.NewGuid()])).Code);
        var item = ItemIn(PlanItemStatus.Completed);
        var survey = SatisfactionSurvey.OpenFor(item, At, TimeSpan.FromDays(30));
        Assert.Equal("acceptance.documents_required", Assert.Throws<DomainException>(() =>
            AcceptanceRecord.Record(item, "梨花街道办事处", new(2026, 6, 1), "", survey, null, OpinionCounts.None, "c", At, [])).Code);
        Assert.Equal("acceptance.organised_by_required", Assert.Throws<DomainException>(() =>
            AcceptanceRecord.Record(item, "  ", new(2026, 6, 1), "", survey, null, OpinionCounts.None, "c", At, [Guid.NewGuid()])).Code);
        Assert.Equal("acceptance.organised_by_too_long", Assert.Throws<DomainException>(() =>
            AcceptanceRecord.Record(item, new string('街', AcceptanceRecord.OrganisedByMaxLength + 1), new(2026, 6, 1), "", survey, null, OpinionCounts.None, "c", At, [Guid.NewGuid()])).Code);
        Assert.Equal(PlanItemStatus.Completed, item.Status);

        var record = AcceptanceRecord.Record(item, " 梨花街道办事处 ", new(2026, 6, 1), "合格", survey, SurveyResults.Of([5, 4], 8), new OpinionCounts(3, 1, 2),
            "c", At.AddDays(3), [Guid.NewGuid()]);
        Assert.Equal(PlanItemStatus.Accepted, item.Status);
        Assert.Equal("梨花街道办事处", record.OrganisedBy);
        Assert.Equal("c", record.RecordedBy);
        Assert.Equal(new OpinionCounts(3, 1, 2), record.Opinions);
        Assert.Equal(450, record.SurveyAverageHundredths);
        Assert.False(survey.IsOpenAt(At.AddDays(4)));
    }
}
