using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Portal.Notifications.Email;

namespace Portal.Features.Accounts;

/// <summary>Account emails, written in the language the visitor is using.</summary>
public sealed class AccountEmails(IEmailSender email, IStringLocalizer<AccountText> t)
{
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    public Task SendConfirmationAsync(string to, string link, CancellationToken ct) =>
        SendAsync(to, "account.confirm", t["Email_Confirm_Subject"], t["Email_Confirm_Body"], link, ct);

    public Task SendResetAsync(string to, string link, CancellationToken ct) =>
        SendAsync(to, "account.reset", t["Email_Reset_Subject"], t["Email_Reset_Body"], link, ct);

    /// <summary>Someone tried to register an address that already has an account: tell its owner, not the visitor.</summary>
    public Task SendAlreadyRegisteredAsync(string to, string loginLink, CancellationToken ct) =>
        SendAsync(to, "account.exists", t["Email_Exists_Subject"], t["Email_Exists_Body"], loginLink, ct);

    private async Task SendAsync(string to, string kind, string subject, string body, string link, CancellationToken ct)
    {
        var text = $"{body}\n\n{link}\n\n{t["Email_Footer"]}";
        var html = $"<p>{HtmlEncoder.Default.Encode(body)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(link)}</a></p><p style=\"color:#666\">{HtmlEncoder.Default.Encode(t["Email_Footer"])}</p>";
        await email.SendAsync(new OutgoingEmail(to, subject, text, html, kind), ct);
    }
}
