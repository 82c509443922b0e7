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


/// <summary>
/// The phases of a proposal: draft → published (collecting support) → under review → accepted to vote / merged /
/// declined → in vote → approved / rejected → funding → in construction → completed.
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
}
