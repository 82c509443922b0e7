namespace Portal.Domain.Residents;

/// <summary>
/// Everything that decides what one account may do in one compound: its platform standing,
/// its roles there and its active ties to flats there.
/// </summary>
public sealed record Membership(
    bool IsAuthenticated,
    bool IsPlatformAdmin,
    bool IsCityOfficerHere,
    IReadOnlyList<CompoundRoleGrant> Roles,
    IReadOnlyList<FlatTie> Ties)
{
    public static readonly Membership Anonymous = new(false, false, false, [], []);

    /// <summary>Holds a convening body's role (业委会, 居委会, 物管会 or the street office): runs the compound's business.</summary>
    public bool IsCommittee => Roles.Any(r => r.Kind.IsConvener());
    public bool IsOwnersCommittee => Roles.Any(r => r.Kind == CompoundRoleKind.Committee);
    public bool KeepsRegister => Roles.Any(r => CompoundRoleKinds.RegisterKeepers.Contains(r.Kind));
    public bool IsPartyOrganisation => Roles.Any(r => r.Kind == CompoundRoleKind.PartyOrganisation);
    public bool IsPropertyManager => Roles.Any(r => r.Kind == CompoundRoleKind.PropertyManager);
    public bool IsBuildingLead => Roles.Any(r => r.Kind == CompoundRoleKind.BuildingLead);
    public bool IsResident => Ties.Count > 0;
    public bool IsOwner => Ties.Any(t => t.Relation.MayVote());

    public bool Can(Capability capability) => capability switch
    {
        Capability.ViewCompound => IsPlatformAdmin || IsCityOfficerHere || Roles.Count > 0 || IsResident,
        Capability.Participate => IsResident,
        Capability.CastBallot => IsOwner,
        Capability.ManageRegister or Capability.VerifyResidents or Capability.ManageFunding => KeepsRegister || IsPlatformAdmin,
        Capability.ViewRegister or Capability.RunVotes or Capability.ReviewProposals or Capability.ManageProjects
            or Capability.PublishPlans => IsCommittee || IsPlatformAdmin,
        Capability.ConveneConsultations => IsCommittee || IsPartyOrganisation || IsPlatformAdmin,
        Capability.FollowTurnout => IsCommittee || IsPartyOrganisation || IsBuildingLead || IsPlatformAdmin,
        Capability.RecordDoorstepAnswers => IsCommittee || IsBuildingLead || IsPlatformAdmin,
        Capability.AssistSignUp => KeepsRegister || IsBuildingLead || IsPlatformAdmin,
        // Residents' representatives speak for residents: a platform admin is none (the item's scope is checked by the use case).
        Capability.GiveAcceptanceOpinion => IsBuildingLead || IsOwner,
        Capability.PostNotices => IsCommittee || IsPartyOrganisation || IsPropertyManager || IsPlatformAdmin,
        Capability.PostConstructionUpdates or Capability.AnswerProblemReports
            => IsCommittee || IsPropertyManager || IsPlatformAdmin,
        Capability.ViewCityDashboard => IsCityOfficerHere || IsPlatformAdmin,
        Capability.AdministerPlatform => IsPlatformAdmin,
        _ => false,
    };

    /// <summary>Building leads follow only their own building or entrance; committee members see all.</summary>
    public bool FollowsEntrance(long buildingId, long entranceId) =>
        IsCommittee || IsPlatformAdmin || LeadsEntrance(buildingId, entranceId);

    /// <summary>
    /// A building lead registers owners only in their own building or entrance; the register keepers anywhere in the
    /// compound (they would verify the owner anyway).
    /// </summary>
    public bool MayAssistSignUpAt(long buildingId, long entranceId) =>
        KeepsRegister || IsPlatformAdmin || LeadsEntrance(buildingId, entranceId);

    /// <summary>The role in which this account helps an owner of that entrance sign up: 楼门长 first, else the register keeper's.</summary>
    public CompoundRoleKind? AssistingAs(long buildingId, long entranceId) =>
        LeadsEntrance(buildingId, entranceId) ? CompoundRoleKind.BuildingLead
        : Roles.Select(r => (CompoundRoleKind?)r.Kind).FirstOrDefault(k => CompoundRoleKinds.RegisterKeepers.Contains(k!.Value));

    private bool LeadsEntrance(long buildingId, long entranceId) =>
        Roles.Any(r => r.Kind == CompoundRoleKind.BuildingLead &&
                       (r.EntranceId == entranceId || (r.EntranceId is null && r.BuildingId == buildingId)));
}

public sealed record CompoundRoleGrant(CompoundRoleKind Kind, long? BuildingId, long? EntranceId);

public sealed record FlatTie(long FlatId, long OwnerOfRecordId, long BuildingId, long EntranceId, ResidentRelation Relation);
