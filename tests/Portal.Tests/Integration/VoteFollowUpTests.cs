using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Pages.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Integration;

/// <summary>Votes, proposals and co-funding working together: the vote drives the proposal and opens the campaign.</summary>
public sealed class VoteFollowUpTests
{
    [Fact]
    public async Task A_passed_elevator_vote_approves_its_proposal_opens_the_campaign_and_quotes_each_household_before_closing()
    {
        await using var factory = new VotesFactory();
        var compound = await factory.CreateCompoundAsync(VotesTestKit.NewCode("FU"), buildings: 1, entrances: 1, floors: 6, flatsPerFloor: 1);
        await factory.RelaxVoteRulesAsync(compound);
        var entrance = compound.Entrance("1", "1");
        var scope = Scope.OfEntrance(entrance.BuildingId, entrance.Id);
        var author = await factory.CreateUserAsync($"author-{Guid.NewGuid():N}@example.com");
        var now = DateTimeOffset.UtcNow;

        // An elevator proposal accepted to a vote, its upgrade item, and its cost sharing: ¥60,000 of which ¥26,000 subsidy.
        var (proposalId, itemId) = await factory.WithDb(async db =>
        {
            var proposal = new Proposal(compound.Id, author.Id, "加装电梯", "一单元加装电梯", ProposalCategory.Elevator, scope, 6_000_000,
                Portal.Domain.Funding.CostSharingMethod.FloorCoefficient, now);
            proposal.Publish(now, author.Id);
            proposal.SendToReview(now, "committee");
            proposal.AcceptToVote(6_000_000, Portal.Domain.Funding.CostSharingMethod.FloorCoefficient, now, "committee");
            db.Add(proposal);
            await db.SaveChangesAsync();
            var item = new PlanItem(compound.Id, PlanCategory.Upgrade, "加装电梯", "", scope, 6_000_000, proposal.Id, now);
            db.Add(item);
            await db.SaveChangesAsync();
            var scheme = new CostSharingScheme(compound.Id, item.Id, 6_000_000, Portal.Domain.Funding.CostSharingMethod.FloorCoefficient, now);
            scheme.SetCosts(6_000_000, new Dictionary<FundingSource, long> { [FundingSource.CentralSubsidy] = 2_600_000 });
            db.Add(scheme);
            await db.SaveChangesAsync();
            return (proposal.Id, item.Id);
        });

        var vote = await factory.Scoped(sp => sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(
            compound.Id, "加装电梯", new CivilCodeMajor(), scope, null, now.AddDays(7), 1, 24, ProposalId: proposalId), "committee"));
        Assert.Equal(ProposalStatus.InVote, (await factory.WithDb(db => db.Set<Proposal>().SingleAsync(p => p.Id == proposalId))).Status);

        // Before voting, the top-floor owner sees their household's floor-coefficient share: 1.0 × 50 m² of ¥34,000.
        var (_, topFloor) = await factory.ResidentAsync(compound, compound.Flat("1-1-601"));
        var page = await topFloor.GetDocumentAsync($"/c/{compound.Code}/votes/{vote.Id}");
        Assert.Equal("¥10,000.00", page.QuerySelector("#quote-share")?.TextContent.Trim());
        var (_, groundFloor) = await factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        Assert.Equal("¥0.00", (await groundFloor.GetDocumentAsync($"/c/{compound.Code}/votes/{vote.Id}")).QuerySelector("#quote-share")?.TextContent.Trim());

        foreach (var flat in compound.Flats)
            await factory.RecordAsync(vote.Id, compound, flat.Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromDays(8);
        Assert.True(await factory.CloseAsync(vote.Id));
        factory.Clock.Offset = TimeSpan.FromDays(10);
        await factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, compound.Id, "committee"));

        var proposal = await factory.WithDb(db => db.Set<Proposal>().Include(p => p.Timeline).SingleAsync(p => p.Id == proposalId));
        // Approved by the vote, then funding: the campaign opened for its plan item (whichever follow-up ran first).
        Assert.Equal(ProposalStatus.Funding, proposal.Status);
        Assert.Equal([ProposalStatus.InVote, ProposalStatus.Approved, ProposalStatus.Funding],
            proposal.Timeline.OrderBy(t => t.Id).Select(t => t.Status).SkipWhile(s => s != ProposalStatus.InVote));
        var campaign = await factory.WithDb(db => db.Set<Campaign>().SingleAsync(c => c.PlanItemId == itemId));
        Assert.Equal(3_400_000, campaign.GoalFen);
    }
}
