using Microsoft.Extensions.Localization;
using Portal.Features.Shared;

namespace Portal.Features.Accounts;

/// <summary>
/// An account's name as pages show it: a closed account's placeholder in the reader's language, and a name that is a
/// phone number (the default for phone sign-ups) masked.
/// </summary>
public static class ShownName
{
    public static string Of(string? name, IStringLocalizer<SharedText> s) =>
        name == PortalUser.ClosedAccountName ? s["Account_ClosedName"].Value : PhoneNumberRules.MaskIfPhone(name);
}
