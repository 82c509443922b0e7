using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Features.Accounts;


namespace Portal.Pages.Account;

[AllowAnonymous]
public class ConfirmEmailModel(UserManager<PortalUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountEmails.DecodeToken(code);
        if (string.IsNullOrEmpty(userId) || token is null) return;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return;
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
