using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;


namespace Portal.Pages.Account;

[AllowAnonymous]
public class LoginModel(SignInManager<PortalUser> signIn, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool ShowResendConfirmation { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), EmailAddress(ErrorMessage = "Validation_Email")]
        [Display(Name = "Field_Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required"), DataType(DataType.Password)]
        [Display(Name = "Field_Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Field_RememberMe")]
        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl);
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl = SafeReturnUrl, Input.RememberMe });
        // A locked-out account answers exactly like a wrong password or an unknown address (no account enumeration);
        // the message says that repeated failures pause an account, so its owner still learns what to do.
        if (result.IsNotAllowed)
        {
            // Only reached with the right password, so saying "confirm your email" reveals nothing new.
            ShowResendConfirmation = true;
            ModelState.AddModelError(string.Empty, t["Login_NotConfirmed"]);
            return Page();
        }
        ModelState.AddModelError(string.Empty, t["Login_Invalid"]);
        ModelState.AddModelError(string.Empty, t["Login_LockoutHint"]);
        return Page();
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
