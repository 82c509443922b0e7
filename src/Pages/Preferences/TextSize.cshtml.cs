using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Features.Shared;
using Portal.Web;

namespace Portal.Pages.Preferences;

/// <summary>Large-text mode for elderly residents, remembered in a cookie.</summary>
[AllowAnonymous]
public class TextSizeModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? large, string? returnUrl)
    {
        Response.Cookies.Append(LayoutPreferences.LargeTextCookie, large == "1" ? "1" : "0",
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
