using Portal.Domain.Projects;

namespace Portal.Domain.Proposals;

/// <summary>What a proposal would add to the compound.</summary>
public enum ProposalCategory
{
    EvChargers = 0,
    EBikeCharging = 1,
    Parking = 2,
    Elevator = 3,
    Lighting = 4,
    Cameras = 5,
    Greening = 6,
    ElderlyCareRoom = 7,
    ChildcareRoom = 8,
    AccessibilityRamp = 9,
    Other = 10,
}

public static class ProposalCategories
{
    /// <summary>
    /// The national category (国办发〔2020〕23号) of the works a proposal asks for: 完善类 covers elevators, parking,
    /// EV and e-bike charging, barrier-free works and the environment (greening, lighting); 提升类 covers elderly care
    /// and childcare; security cameras (安防) are 基础类. A proposal that fits none is an improvement.
    /// </summary>
    public static PlanCategory NationalCategory(this ProposalCategory category) => category switch
    {
        ProposalCategory.Cameras => PlanCategory.Basic,
        ProposalCategory.ElderlyCareRoom or ProposalCategory.ChildcareRoom => PlanCategory.Upgrade,
        _ => PlanCategory.Improvement,
    };
}


/// <summary>
/// The phases of a proposal: draft → published (collecting support) → under review → accepted to vote / merged /
/// declined / expired (support period over) → in vote → approved / rejected → funding → in construction → completed.
/// </summary>
public enum ProposalStatus
{
    Draft = 0,
    Published = 1,
    UnderReview = 2,
    AcceptedToVote = 3,
    Merged = 4,
    Declined = 5,
    InVote = 6,
    Approved = 7,
    Rejected = 8,
    Funding = 9,
    InConstruction = 10,
    Completed = 11,
    /// <summary>The support period ended before the threshold was reached (and before the committee took it up).</summary>
    Expired = 12,
}
