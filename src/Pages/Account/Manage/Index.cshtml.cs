using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;


namespace Portal.Pages.Account.Manage;

[Authorize]
public class IndexModel(UserManager<PortalUser> users, IStringLocalizer<AccountText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), StringLength(50, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_DisplayName")]
        public string DisplayName { get; set; } = "";

        [Phone(ErrorMessage = "Validation_Phone"), StringLength(20, ErrorMessage = "Validation_Phone")]
        [Display(Name = "Field_PhoneOptional")]
        public string? PhoneNumber { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        Input.DisplayName = user.DisplayName;
        Input.PhoneNumber = user.PhoneNumber;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        if (!ModelState.IsValid) return Page();
        user.DisplayName = Input.DisplayName.Trim();
        user.PhoneNumber = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim();
        await users.UpdateAsync(user);
        TempData["Flash"] = t["Manage_Saved"].Value;
        return RedirectToPage();
    }

    private void Load(PortalUser user)
    {
        Email = user.Email ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
    }
}
