using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Portal.Notifications.Email;
using Portal.Notifications.Templates;

namespace Portal.Notifications;

/// <summary>An account an event goes to, with what its email needs.</summary>
public sealed record Recipient(string UserId, string? Email, string Culture);

/// <summary>Renders notification emails from the templates in the recipient's language, with a one-click unsubscribe link.</summary>
public sealed class EmailComposer(IDataProtectionProvider protection, IConfiguration config)
{
    public string PublicUrl => (config["Portal:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000").TrimEnd('/');

    private IDataProtector Protector => protection.CreateProtector("Portal.Notifications.Unsubscribe.v1");

    public string UnsubscribeToken(string userId, NotificationKind kind) => Protector.Protect($"{userId}\n{(int)kind}");

    /// <summary>The account and kind a token stands for, or null when it was not made here or was altered.</summary>
    public (string UserId, NotificationKind Kind)? ReadUnsubscribeToken(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        try
        {
            var parts = Protector.Unprotect(token).Split('\n');
            if (parts.Length == 2 && int.TryParse(parts[1], out var k) && Enum.IsDefined((NotificationKind)k))
                return (parts[0], (NotificationKind)k);
        }
        catch (System.Security.Cryptography.CryptographicException) { }
        return null;
    }

    public string UnsubscribeUrl(string userId, NotificationKind kind) =>
        $"{PublicUrl}/unsubscribe?token={Uri.EscapeDataString(UnsubscribeToken(userId, kind))}";

    public string Absolute(string link) => link.StartsWith('/') ? PublicUrl + link : link;

    public OutgoingEmail Event(NotificationEvent e, IReadOnlyDictionary<string, string> values, Recipient to)
    {
        var culture = EmailTemplates.CultureFor(to.Culture);
        var subject = EmailTemplates.Subject(e.Kind, culture, values);
        var intro = EmailTemplates.Render($"Body_{e.Kind}", culture, values);
        var link = Absolute(e.Link);
        var unsubscribe = UnsubscribeUrl(to.UserId, e.Kind);
        var frame = new Dictionary<string, string>(values) { ["link"] = link, ["unsubscribe"] = unsubscribe, ["kind"] = EmailTemplates.KindName(e.Kind, culture) };
        var open = EmailTemplates.Render("Frame_Open", culture, frame);
        var footer = EmailTemplates.Render("Frame_Unsubscribe", culture, frame);
        var text = $"{intro}\n\n{open}\n{link}\n\n--\n{footer}\n{unsubscribe}\n";
        var html = $"<p>{Enc(intro)}</p><p><a href=\"{Enc(link)}\">{Enc(open)}</a></p>" +
                   $"<p style=\"color:#666;font-size:small\">{Enc(footer)} <a href=\"{Enc(unsubscribe)}\">{Enc(unsubscribe)}</a></p>";
        return new OutgoingEmail(to.Email!, subject, text, html, $"notify.{e.Kind}", ListUnsubscribe(unsubscribe));
    }

    /// <summary>The evening digest: one email listing the day's events of the kinds the account chose to get that way.</summary>
    public OutgoingEmail Digest(Recipient to, IReadOnlyList<(NotificationEvent Event, IReadOnlyDictionary<string, string> Values)> items)
    {
        var culture = EmailTemplates.CultureFor(to.Culture);
        var counts = new Dictionary<string, string> { ["count"] = items.Count.ToString() };
        var subject = EmailTemplates.Render("Digest_Subject", culture, counts);
        var lines = items.Select(i => (Title: EmailTemplates.Subject(i.Event.Kind, culture, i.Values), Link: Absolute(i.Event.Link))).ToList();
        var preferences = $"{PublicUrl}/inbox/preferences";
        var text = $"{EmailTemplates.Render("Digest_Intro", culture, counts)}\n\n" +
                   string.Join("\n", lines.Select(l => $"- {l.Title}\n  {l.Link}")) +
                   $"\n\n--\n{EmailTemplates.Text("Digest_Preferences", culture)}\n{preferences}\n";
        var html = $"<p>{Enc(EmailTemplates.Render("Digest_Intro", culture, counts))}</p><ul>" +
                   string.Concat(lines.Select(l => $"<li><a href=\"{Enc(l.Link)}\">{Enc(l.Title)}</a></li>")) +
                   $"</ul><p style=\"color:#666;font-size:small\"><a href=\"{Enc(preferences)}\">{Enc(EmailTemplates.Text("Digest_Preferences", culture))}</a></p>";
        return new OutgoingEmail(to.Email!, subject, text, html, "notify.digest");
    }

    /// <summary>RFC 8058 one-click unsubscribe: mail clients POST to the link.</summary>
    private static Dictionary<string, string> ListUnsubscribe(string url) => new()
    {
        ["List-Unsubscribe"] = $"<{url}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
