using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Features.Residents;
using Portal.Features.Shared;
using Portal.Files;

namespace Portal.Pages.Residents;

/// <summary>
/// A signed-in resident claims owner status (<see cref="ClaimFlat"/>): the letter's code, then the SMS code sent to the
/// register's phone, or a property certificate photo for the committee.
/// </summary>
[Authorize]
public class ClaimModel(ClaimFlat claim, IStringLocalizer<ResidentsText> t, IStringLocalizer<FilesText> f) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public IFormFile? Certificate { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(40, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_InvitationCode")]
        public string Code { get; set; } = "";

        [StringLength(12, ErrorMessage = "Validation_MaxLength")]
        public string? SmsCode { get; set; }

        [StringLength(500, ErrorMessage = "Validation_MaxLength")]
        public string? Note { get; set; }
    }

    /// <summary>Which form the page shows: the letter (null), the SMS code, or the certificate upload.</summary>
    public ClaimStep? Step { get; private set; }
    public string? MaskedPhone { get; private set; }
    public string? LockedUntil { get; private set; }

    public void OnGet([FromQuery] string? code)
    {
        if (!string.IsNullOrWhiteSpace(code)) Input.Code = code.Trim();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        return Show(await claim.StartAsync(CompoundAccess.UserId(User)!, Ip, Input.Code, ct));
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (string.IsNullOrWhiteSpace(Input.SmsCode))
        {
            var pending = await claim.StartAsync(CompoundAccess.UserId(User)!, Ip, Input.Code, ct);
            ModelState.AddModelError("Input.SmsCode", t["Claim_SmsRequired"]);
            Step = pending.Step;
            MaskedPhone = pending.MaskedPhone;
            return Page();
        }
        return Show(await claim.ConfirmAsync(CompoundAccess.UserId(User)!, Ip, Input.Code, Input.SmsCode, ct));
    }

    /// <summary>Shows the certificate form (no access to the register's phone).</summary>
    public IActionResult OnPostNoPhone()
    {
        ModelState.Clear();
        Step = ClaimStep.NeedsCertificate;
        return Page();
    }

    public async Task<IActionResult> OnPostCertificateAsync(CancellationToken ct)
    {
        Step = ClaimStep.NeedsCertificate;
        if (!ModelState.IsValid) return Page();
        try
        {
            var (request, refused) = await claim.RequestWithCertificateAsync(CompoundAccess.UserId(User)!, Ip, Input.Code, Certificate, Input.Note, ct);
            if (request is null) return Show(refused!);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError(nameof(Certificate), f[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = t["Claim_CertificateSent"].Value;
        return Redirect("/residents/request");
    }

    private string? Ip => HttpContext.Connection.RemoteIpAddress?.ToString();

    private IActionResult Show(ClaimResult result)
    {
        if (result.Claimed)
        {
            TempData["Flash"] = t["Claim_Done"].Value;
            return Redirect($"/c/{result.CompoundCode}");
        }
        Step = result.Step == ClaimStep.Refused ? null : result.Step;
        MaskedPhone = result.MaskedPhone;
        ModelState.Remove("Input.SmsCode");
        Input.SmsCode = null;
        if (result.Refusal is not { } refusal) return Page();
        LockedUntil = result.LockedUntil is { } until ? Shanghai.Format(until) : null;
        string why = refusal switch
        {
            ClaimRefusal.Used => t["Claim_Used"],
            ClaimRefusal.Revoked => t["Claim_Revoked"],
            ClaimRefusal.Expired => t["Claim_Expired"],
            ClaimRefusal.SmsWrong => t["Claim_SmsWrong", result.TriesLeft ?? 0],
            ClaimRefusal.SmsExpired => t["Claim_SmsExpired"],
            ClaimRefusal.SmsVoided => t["Claim_SmsVoided"],
            ClaimRefusal.SmsTooSoon => t["Claim_SmsTooSoon", result.TryAgainAt is { } at ? Shanghai.Format(at) : ""],
            ClaimRefusal.SmsFailed => t["Claim_SmsFailed"],
            _ => t["Claim_Wrong"],
        };
        var isLetter = refusal is ClaimRefusal.Wrong or ClaimRefusal.Used or ClaimRefusal.Revoked or ClaimRefusal.Expired or ClaimRefusal.Locked;
        ModelState.AddModelError(string.Empty,
            LockedUntil is not null ? t["Claim_Locked", LockedUntil]
            : isLetter && result.TriesLeft is { } left ? t["Claim_TriesLeft", why, left]
            : why);
        return Page();
    }
}
