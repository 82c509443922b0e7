namespace Portal.Domain.Projects;

/// <summary>The three national categories of renovation work.</summary>
public enum PlanCategory
{
    /// <summary>基础类: must-do (roofs, pipes, wiring); listed and tracked, not voted.</summary>
    Basic = 0,
    /// <summary>完善类.</summary>
    Improvement = 1,
    /// <summary>提升类: optional; residents vote on and co-fund these.</summary>
    Upgrade = 2,
}

/// <summary>Where a plan item is in the works.</summary>
public enum PlanItemStatus
{
    Planned = 0,
    Approved = 1,
    Tendering = 2,
    InConstruction = 3,
    Completed = 4,
    Accepted = 5,
    Cancelled = 6,
}
