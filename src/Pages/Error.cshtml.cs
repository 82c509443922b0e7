using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Shared;
using Portal.Web;

namespace Portal.Pages;

/// <summary>Friendly, localised answer for errors and status codes; never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IStringLocalizer<SharedText> s) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Heading, Explanation) = status switch
        {
            404 => (s["Error_NotFound"], s["Error_NotFoundText"]),
            403 => (s["Error_Forbidden"], s["Error_ForbiddenText"]),
            400 => (s["Error_BadRequest"], s["Error_BadRequestText"]),
            _ => (s["Error_Title"], s["Error_Text"]),
        };
    }
}
