using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

using Portal.Features.Accounts;

namespace Portal.Pages.Account;

[AllowAnonymous]
public class RegisterModel(UserManager<PortalUser> users, AccountEmails emails, TimeProvider clock, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), EmailAddress(ErrorMessage = "Validation_Email"), StringLength(256)]
        [Display(Name = "Field_Email")]
        public string Email { get; set; } = "";

        [Phone(ErrorMessage = "Validation_Phone"), StringLength(20, ErrorMessage = "Validation_Phone")]
        [Display(Name = "Field_PhoneOptional")]
        public string? PhoneNumber { get; set; }

        [Required(ErrorMessage = "Validation_Required"), StringLength(50, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_DisplayName")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required"), DataType(DataType.Password), StringLength(100, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_Password")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Validation_PasswordsDiffer")]
        [Display(Name = "Field_ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";

        [Display(Name = "Field_PrivacyConsent")]
        public bool PrivacyConsent { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // PIPL: no account without an explicit yes to the privacy notice; the rest of the form is kept.
        if (!Input.PrivacyConsent) ModelState.AddModelError("Input.PrivacyConsent", t["Register_ConsentRequired"]);
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();

        if (await users.FindByEmailAsync(email) is not null)
        {
            // Never reveal that the address has an account: the owner of the address hears about it instead.
            await emails.SendAlreadyRegisteredAsync(email, Url.Page("/Account/Login", null, null, Request.Scheme)!, ct);
            return RedirectToPage("/Account/RegisterConfirmation");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            PhoneNumber = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim(),
            DisplayName = Input.DisplayName.Trim(),
            PreferredCulture = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en") ? "en" : "zh-CN",
            CreatedAt = clock.GetUtcNow(),
            PrivacyConsentAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(string.Empty, IdentityErrorText.Describe(error, t));
            return Page();
        }

        var token = AccountEmails.EncodeToken(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Url.Page("/Account/ConfirmEmail", null, new { userId = user.Id, code = token }, Request.Scheme)!;
        await emails.SendConfirmationAsync(email, link, ct);
        return RedirectToPage("/Account/RegisterConfirmation");
    }
}
