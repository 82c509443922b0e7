namespace Portal.Domain.Residents;

public enum CompoundRoleKind
{
    /// <summary>业主委员会, the owners' committee: the usual convener; register, verification, votes, ledger.</summary>
    Committee = 0,
    /// <summary>物业服务企业: notices and construction updates.</summary>
    PropertyManager = 1,
    /// <summary>楼门长: follows turnout in their building or entrance, knocks on doors, records answers given there.</summary>
    BuildingLead = 2,
    /// <summary>居民委员会: convenes where there is no owners' committee, and holds consultations.</summary>
    ResidentsCommittee = 3,
    /// <summary>物业管理委员会: stands in for the owners' committee where a compound has none.</summary>
    PropertyManagementCommittee = 4,
    /// <summary>街道/乡镇 officer for the compound: may convene, publish a plan and read the register; does not keep it.</summary>
    StreetOfficer = 5,
    /// <summary>社区党组织: coordinates (六位一体), holds consultations and posts notices; does not convene binding votes.</summary>
    PartyOrganisation = 6,
}

public static class CompoundRoleKinds
{
    /// <summary>The bodies that may convene a binding vote and sign what it publishes (domain.md, "Who convenes").</summary>
    public static readonly IReadOnlyList<CompoundRoleKind> Conveners =
        [CompoundRoleKind.Committee, CompoundRoleKind.ResidentsCommittee, CompoundRoleKind.PropertyManagementCommittee, CompoundRoleKind.StreetOfficer];

    /// <summary>The bodies that keep the register of owners and verify residents.</summary>
    public static readonly IReadOnlyList<CompoundRoleKind> RegisterKeepers =
        [CompoundRoleKind.Committee, CompoundRoleKind.ResidentsCommittee, CompoundRoleKind.PropertyManagementCommittee];

    public static bool IsConvener(this CompoundRoleKind kind) => Conveners.Contains(kind);
}

/// <summary>A role an account holds within one compound (a building lead within one building or entrance).</summary>
public class CompoundRole
{
    private CompoundRole() { }

    public CompoundRole(string userId, long compoundId, CompoundRoleKind kind, long? buildingId, long? entranceId, DateTimeOffset grantedAt, string grantedBy)
    {
        UserId = userId;
        CompoundId = compoundId;
        Kind = kind;
        BuildingId = buildingId;
        EntranceId = entranceId;
        GrantedAt = grantedAt;
        GrantedBy = grantedBy;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public long CompoundId { get; private set; }
    public CompoundRoleKind Kind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public string GrantedBy { get; private set; } = "";
}

/// <summary>A city officer watches every compound of a city, or of one district in it.</summary>
public class CityOfficerScope
{
    private CityOfficerScope() { }

    public CityOfficerScope(string userId, string city, string? district)
    {
        UserId = userId;
        City = city.Trim();
        District = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string City { get; private set; } = "";
    public string? District { get; private set; }

    public bool Covers(string city, string district) =>
        City == city && (District is null || District == district);
}
