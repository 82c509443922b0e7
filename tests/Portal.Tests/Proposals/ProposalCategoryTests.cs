using Portal.Domain.Projects;
using Portal.Domain.Proposals;

namespace Portal.Tests.Proposals;

/// <summary>An accepted proposal goes on the plan in its national category (国办发〔2020〕23号), not always 提升类.</summary>
public sealed class ProposalCategoryTests
{
    [Theory]
    [InlineData(ProposalCategory.EBikeCharging, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.EvChargers, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.Parking, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.Elevator, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.AccessibilityRamp, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.Greening, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.Lighting, PlanCategory.Improvement)]
    [InlineData(ProposalCategory.ElderlyCareRoom, PlanCategory.Upgrade)]
    [InlineData(ProposalCategory.ChildcareRoom, PlanCategory.Upgrade)]
    [InlineData(ProposalCategory.Cameras, PlanCategory.Basic)]
    [InlineData(ProposalCategory.Other, PlanCategory.Improvement)]
    public void Each_kind_of_proposal_has_its_national_category(ProposalCategory proposal, PlanCategory plan) =>
        Assert.Equal(plan, proposal.NationalCategory());
}
