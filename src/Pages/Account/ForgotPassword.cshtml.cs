using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Features.Accounts;


namespace Portal.Pages.Account;

[AllowAnonymous]
public class ForgotPasswordModel(UserManager<PortalUser> users, AccountEmails emails) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), EmailAddress(ErrorMessage = "Validation_Email")]
        [Display(Name = "Field_Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && await users.IsEmailConfirmedAsync(user))
        {
            var token = AccountEmails.EncodeToken(await users.GeneratePasswordResetTokenAsync(user));
            await emails.SendResetAsync(user.Email!, Url.Page("/Account/ResetPassword", null, new { code = token }, Request.Scheme)!, ct);
        }
        // The same answer whether or not the address has an account.
        Sent = true;
        return Page();
    }
}
