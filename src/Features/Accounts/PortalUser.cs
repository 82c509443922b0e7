using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Accounts;

/// <summary>An account. Its ties to flats and compounds live in the register, not here.</summary>
public class PortalUser : IdentityUser
{
    /// <summary>Name shown to committees (never to other residents).</summary>
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>"zh-CN" or "en"; used for emails sent when the user is not on the site.</summary>
    public string PreferredCulture { get; set; } = "zh-CN";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person accepted the privacy notice (PIPL); null for accounts made before it was asked.</summary>
    [PersonalData]
    public DateTimeOffset? PrivacyConsentAt { get; set; }

    /// <summary>A closed account keeps only its id (ballots, audit, proposals and comments refer to it) and this user name.</summary>
    public const string ClosedUserNamePrefix = "closed-";

    /// <summary>The name a closed account is shown with wherever a name is shown (CloseAccount).</summary>
    public const string ClosedAccountName = "已注销用户";

    public bool IsClosed => UserName?.StartsWith(ClosedUserNamePrefix, StringComparison.Ordinal) == true;
}

public static class PlatformRoles
{
    public const string Admin = "PlatformAdmin";
}
