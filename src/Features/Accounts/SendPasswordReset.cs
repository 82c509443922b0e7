using Hangfire;
using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Accounts;

/// <summary>
/// Forgot-password as a background job: the page only enqueues, so an address with an account and one without answer
/// in the same time (no account enumeration by timing). The job looks the address up and mails a reset link if it may.
/// </summary>
public sealed class SendPasswordReset(IBackgroundJobClient jobs)
{
    /// <param name="resetPage">Absolute address of the reset page; the job adds <c>?code=</c>.</param>
    public void Ask(string email, string resetPage) =>
        jobs.Enqueue<PasswordResetJob>(job => job.RunAsync(email.Trim(), resetPage, CancellationToken.None));
}

public sealed class PasswordResetJob(UserManager<PortalUser> users, AccountEmails emails)
{
    public async Task RunAsync(string email, string resetPage, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || !await users.IsEmailConfirmedAsync(user)) return;
        var token = AccountEmails.EncodeToken(await users.GeneratePasswordResetTokenAsync(user));
        await emails.SendResetAsync(user.Email!, $"{resetPage}?code={Uri.EscapeDataString(token)}", ct);
    }
}
