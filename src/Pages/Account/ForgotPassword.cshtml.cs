using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Features.Accounts;


namespace Portal.Pages.Account;

[AllowAnonymous]
public class ForgotPasswordModel(SendPasswordReset reset) : PageModel
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

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid) return Page();
        // The same answer, in the same time, whether or not the address has an account: the lookup and the email
        // happen in a background job.
        reset.Ask(Input.Email, Url.Page("/Account/ResetPassword", null, null, Request.Scheme)!);
        Sent = true;
        return Page();
    }
}
