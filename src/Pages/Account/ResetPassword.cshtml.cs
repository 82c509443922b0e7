using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;


namespace Portal.Pages.Account;

[AllowAnonymous]
public class ResetPasswordModel(UserManager<PortalUser> users, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), EmailAddress(ErrorMessage = "Validation_Email")]
        [Display(Name = "Field_Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required"), DataType(DataType.Password), StringLength(100, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_NewPassword")]
        public string Password { get; set; } = "";

        [DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Validation_PasswordsDiffer")]
        [Display(Name = "Field_ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";

        public string Code { get; set; } = "";
    }

    public IActionResult OnGet(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return RedirectToPage("/Account/ForgotPassword");
        Input.Code = code;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var token = AccountEmails.DecodeToken(Input.Code);
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null || token is null)
        {
            ModelState.AddModelError(string.Empty, t["Reset_InvalidLink"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            TempData["Flash"] = t["Reset_Done"].Value;
            return RedirectToPage("/Account/Login");
        }
        foreach (var error in result.Errors)
            ModelState.AddModelError(string.Empty, error.Code == "InvalidToken" ? t["Reset_InvalidLink"] : IdentityErrorText.Describe(error, t));
        return Page();
    }
}
