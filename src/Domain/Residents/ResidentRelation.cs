namespace Portal.Domain.Residents;

/// <summary>How an account is tied to a flat. Only owners and co-owners cast the owner's ballot.</summary>
public enum ResidentRelation
{
    Owner = 0,
    CoOwner = 1,
    Tenant = 2,
    Family = 3,
}

public static class ResidentRelationRules
{
    public static bool MayVote(this ResidentRelation relation) =>
        relation is ResidentRelation.Owner or ResidentRelation.CoOwner;
}
