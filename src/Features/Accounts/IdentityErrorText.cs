using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Portal.Features.Accounts;

/// <summary>Identity's error codes in the visitor's language (Identity's own descriptions are English only).</summary>
public static class IdentityErrorText
{
    public static string Describe(IdentityError error, IStringLocalizer<AccountText> t)
    {
        var text = t[$"IdentityError_{error.Code}"];
        return text.ResourceNotFound ? t["IdentityError_Other"] : text.Value;
    }
}
