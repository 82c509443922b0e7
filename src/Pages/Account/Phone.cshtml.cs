using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Domain.Residents;
using Portal.Features.Accounts;

namespace Portal.Pages.Account;

/// <summary>
/// Sign-in (and sign-up) with a phone number and a 6-digit SMS code. The answers never depend on whether the number
/// has an account: the code form, the limits and the consent box are the same for everyone.
/// </summary>
[AllowAnonymous]
public class PhoneModel(PhoneCodes codes, SignInWithPhone signInWithPhone, TimeProvider clock, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    [BindProperty, Display(Name = "Field_Phone")]
    public string Phone { get; set; } = "";

    [BindProperty, Display(Name = "Field_SmsCode")]
    public string Code { get; set; } = "";

    [BindProperty, Display(Name = "Field_PrivacyConsent")]
    public bool Consent { get; set; }

    /// <summary>True once a code was sent: the page shows the code form.</summary>
    public bool CodeSent { get; private set; }

    /// <summary>The phone the code went to, masked for display.</summary>
    public string MaskedPhone => PhoneNumberRules.Mask(Phone);

    public void OnGet() { }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (e164, error) = PhoneNumberRules.Parse(Phone);
        if (e164 is null)
        {
            ModelState.AddModelError(nameof(Phone), t[error!]);
            return Page();
        }
        Phone = e164;
        var sent = await codes.SendAsync(e164, PhoneCodes.LoginPurpose, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
        switch (sent.Outcome)
        {
            case SendCodeOutcome.Sent:
                CodeSent = true;
                break;
            case SendCodeOutcome.TooSoon:
                ModelState.AddModelError(string.Empty, TryAgain(sent.TryAgainAt!.Value));
                CodeSent = true;
                break;
            default:
                ModelState.AddModelError(string.Empty, t["Sms_ProviderFailed"]);
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        ModelState.Clear();
        CodeSent = true;
        var (e164, error) = PhoneNumberRules.Parse(Phone);
        if (e164 is null)
        {
            CodeSent = false;
            ModelState.AddModelError(nameof(Phone), t[error!]);
            return Page();
        }
        Phone = e164;
        if (!Consent)
        {
            ModelState.AddModelError(nameof(Consent), t["Phone_ConsentRequired"]);
            return Page();
        }
        var check = await codes.CheckAsync(e164, PhoneCodes.LoginPurpose, Code, ct);
        switch (check.Outcome)
        {
            case PhoneCodeCheck.Accepted:
                var culture = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en") ? "en" : "zh-CN";
                try { await signInWithPhone.RunAsync(e164, Consent, culture, ct); }
                catch (Portal.Domain.Shared.DomainException ex) when (ex.Code == "account.locked_out") { return RedirectToPage("/Account/Lockout"); }
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case PhoneCodeCheck.Wrong:
                ModelState.AddModelError(nameof(Code), t["Code_Wrong", check.TriesLeft]);
                break;
            case PhoneCodeCheck.Expired:
                ModelState.AddModelError(nameof(Code), t["Code_Expired"]);
                break;
            default:
                ModelState.AddModelError(nameof(Code), t["Code_Voided"]);
                break;
        }
        Code = "";
        return Page();
    }

    private string TryAgain(DateTimeOffset at) => SmsWait.Text(t, at, clock.GetUtcNow());
}
