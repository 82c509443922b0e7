using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;


namespace Portal.Pages.Account.Manage;

[Authorize]
public class ChangePasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), DataType(DataType.Password)]
        [Display(Name = "Field_CurrentPassword")]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation_Required"), DataType(DataType.Password), StringLength(100, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_NewPassword")]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "Validation_PasswordsDiffer")]
        [Display(Name = "Field_ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var result = await users.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(string.Empty, IdentityErrorText.Describe(error, t));
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = t["ChangePassword_Done"].Value;
        return RedirectToPage("/Account/Manage/Index");
    }
}
