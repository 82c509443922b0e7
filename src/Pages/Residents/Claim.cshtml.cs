using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Features.Residents;
using Portal.Features.Shared;

namespace Portal.Pages.Residents;

/// <summary>A signed-in resident enters the code from their invitation letter (<see cref="ClaimFlat"/>).</summary>
[Authorize]
public class ClaimModel(ClaimFlat claim, IStringLocalizer<ResidentsText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(40, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_InvitationCode")]
        public string Code { get; set; } = "";
    }

    public string? LockedUntil { get; private set; }

    public void OnGet([FromQuery] string? code)
    {
        if (!string.IsNullOrWhiteSpace(code)) Input.Code = code.Trim();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await claim.ClaimAsync(CompoundAccess.UserId(User)!, HttpContext.Connection.RemoteIpAddress?.ToString(), Input.Code, ct);
        if (result.Claimed)
        {
            TempData["Flash"] = t["Claim_Done"].Value;
            return Redirect($"/c/{result.CompoundCode}");
        }
        LockedUntil = result.LockedUntil is { } until ? Shanghai.Format(until) : null;
        var why = result.Refusal switch
        {
            ClaimRefusal.Used => t["Claim_Used"],
            ClaimRefusal.Revoked => t["Claim_Revoked"],
            ClaimRefusal.Expired => t["Claim_Expired"],
            _ => t["Claim_Wrong"],
        };
        ModelState.AddModelError(string.Empty,
            LockedUntil is not null ? t["Claim_Locked", LockedUntil]
            : result.TriesLeft is { } left ? t["Claim_TriesLeft", why, left]
            : why);
        return Page();
    }
}
