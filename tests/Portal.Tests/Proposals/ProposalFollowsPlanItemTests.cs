using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Funding;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

/// <summary>One lifecycle for an upgrade: after approval the proposal follows its plan item and its campaign.</summary>
public sealed class ProposalFollowsPlanItemTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    private static string Code() => "FOL" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    /// <summary>An approved upgrade proposal, the plan item it became and (if asked) its cost sharing.</summary>
    private async Task<(TestCompound Compound, long ProposalId, long ItemId, string AuthorId)> ApprovedAsync(bool passed = true, bool costSharing = true)
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (proposalId, itemId) = await Factory.WithDb(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var proposal = new Proposal(compound.Id, authorId, "电动自行车充电棚", "在3号楼北侧建充电棚", ProposalCategory.EBikeCharging, Scope.WholeCompound,
                8_000_000, CostSharingMethod.EqualPerFlat, now);
            proposal.Publish(now, authorId);
            proposal.SendToReview(now, "committee");
            proposal.AcceptToVote(8_000_000, CostSharingMethod.EqualPerFlat, now, "committee");
            proposal.StartVote(now, "vote:1");
            proposal.RecordVoteResult(passed, now, "vote:1");
            db.Add(proposal);
            await db.SaveChangesAsync();
            var item = new PlanItem(compound.Id, PlanCategory.Upgrade, proposal.Title, proposal.Description, proposal.Scope, 8_000_000, proposal.Id, now);
            db.Add(item);
            await db.SaveChangesAsync();
            if (costSharing)
            {
                db.Add(new CostSharingScheme(compound.Id, item.Id, 8_000_000, CostSharingMethod.EqualPerFlat, now));
                await db.SaveChangesAsync();
            }
            return (proposal.Id, item.Id);
        });
        return (compound, proposalId, itemId, authorId);
    }

    private static async Task MoveAsync(HttpClient committee, string url, PlanItemStatus to)
    {
        var response = await committee.SubmitFormAsync(url, new Dictionary<string, string>(), "#move-form", $"#move-{to}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task An_approved_proposal_moves_to_funding_when_its_campaign_opens_then_follows_construction_to_completion()
    {
        var (compound, proposalId, itemId, authorId) = await ApprovedAsync();
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);

        // The committee opens the campaign on the cost-sharing page.
        var opened = await committee.SubmitFormAsync($"/c/{compound.Code}/funding/{itemId}/cost-sharing",
            new Dictionary<string, string> { ["Open.GoalYuan"] = "80000", ["Open.Deadline"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") }, "#open-form");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(ProposalStatus.Funding, (await Factory.ProposalAsync(proposalId)).Status);

        // The works move along on the project page: the proposal follows once construction starts, and at completion.
        var url = $"/c/{compound.Code}/projects/{itemId}";
        await MoveAsync(committee, url, PlanItemStatus.Approved);
        await MoveAsync(committee, url, PlanItemStatus.Tendering);
        Assert.Equal(ProposalStatus.Funding, (await Factory.ProposalAsync(proposalId)).Status);
        await MoveAsync(committee, url, PlanItemStatus.InConstruction);
        Assert.Equal(ProposalStatus.InConstruction, (await Factory.ProposalAsync(proposalId)).Status);
        await MoveAsync(committee, url, PlanItemStatus.Completed);

        var proposal = await Factory.ProposalAsync(proposalId);
        Assert.Equal(ProposalStatus.Completed, proposal.Status);
        Assert.Equal([ProposalStatus.Approved, ProposalStatus.Funding, ProposalStatus.InConstruction, ProposalStatus.Completed],
            proposal.Timeline.OrderBy(t => t.Id).Select(t => t.Status).SkipWhile(s => s != ProposalStatus.Approved));
        // The author hears of each step.
        var told = await Factory.WithDb(db => db.Set<NotificationEvent>()
            .Where(e => e.Kind == NotificationKind.ProposalStatusChanged && e.CompoundId == compound.Id).ToListAsync());
        Assert.Equal(3, told.Count(e => e.AudienceJson.Contains(authorId)));
    }

    [Fact]
    public async Task A_campaign_opened_by_the_use_case_moves_its_proposal_to_funding()
    {
        var (_, proposalId, itemId, _) = await ApprovedAsync();
        await Factory.Scoped(sp => sp.GetRequiredService<CampaignOpening>().OpenForPassedVoteAsync(itemId, voteId: 7));
        var proposal = await Factory.ProposalAsync(proposalId);
        Assert.Equal(ProposalStatus.Funding, proposal.Status);
        Assert.Equal($"plan-item:{itemId}", proposal.Timeline.OrderBy(t => t.Id).Last().ByUserId);
    }

    [Fact]
    public async Task An_upgrade_paid_without_residents_goes_from_approved_straight_to_construction()
    {
        var (compound, proposalId, itemId, _) = await ApprovedAsync(costSharing: false);
        var (_, pm) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var url = $"/c/{compound.Code}/projects/{itemId}";
        await MoveAsync(committee, url, PlanItemStatus.Approved);
        await MoveAsync(pm, url, PlanItemStatus.Tendering);
        await MoveAsync(pm, url, PlanItemStatus.InConstruction);

        var proposal = await Factory.ProposalAsync(proposalId);
        Assert.Equal(ProposalStatus.InConstruction, proposal.Status);
        Assert.DoesNotContain(proposal.Timeline, t => t.Status == ProposalStatus.Funding);
    }

    [Fact]
    public async Task A_rejected_proposal_stays_rejected_whatever_its_plan_item_does()
    {
        var (compound, proposalId, itemId, _) = await ApprovedAsync(passed: false);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var url = $"/c/{compound.Code}/projects/{itemId}";
        foreach (var to in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction })
            await MoveAsync(committee, url, to);
        Assert.Equal(ProposalStatus.Rejected, (await Factory.ProposalAsync(proposalId)).Status);
    }

    [Fact]
    public async Task The_review_page_offers_no_manual_funding_construction_or_completion_steps()
    {
        var (compound, proposalId, _, _) = await ApprovedAsync();
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var reviewUrl = $"/c/{compound.Code}/proposals/{proposalId}/review";
        var page = await committee.GetDocumentAsync(reviewUrl);
        Assert.NotNull(page.QuerySelector("#follows-plan-item"));
        Assert.Empty(page.QuerySelectorAll("#step-funding, #step-construction, #step-complete"));

        // A forged step is refused and changes nothing.
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await committee.PostAsync($"{reviewUrl}?handler=Step",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["step"] = "funding" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProposalStatus.Approved, (await Factory.ProposalAsync(proposalId)).Status);
    }
}
