using System.Globalization;
using Portal.Notifications.Templates;

namespace Portal.Notifications.Sms;

/// <summary>
/// Which events also go out by SMS, to accounts without a confirmed email but with a confirmed phone: a vote opened,
/// the reminder before it closes, its final result, and notices marked urgent. Each kind has its own approved
/// provider template (setting under <c>Sms:Aliyun</c>) with the parameters <c>title</c> (at most
/// <see cref="TitleLength"/> characters), <c>link</c> and, for votes, <c>closes</c>. The text kept in the outbox is
/// what the template renders to (EmailTemplates <c>Sms_{Kind}</c>).
/// </summary>
public static class SmsNotifications
{
    /// <summary>The event value that marks a notice as urgent ("1").</summary>
    public const string UrgentValue = "urgent";

    /// <summary>Aliyun caps a template variable's length; longer titles are cut with an ellipsis.</summary>
    public const int TitleLength = 20;

    /// <summary>The setting naming the provider template for the event, or null when the event is not texted.</summary>
    public static string? TemplateSetting(NotificationKind kind, IReadOnlyDictionary<string, string> values) => kind switch
    {
        NotificationKind.VoteOpened => "VoteOpenedTemplateCode",
        NotificationKind.VoteReminder => "VoteClosingTemplateCode",
        NotificationKind.VoteFinalResult => "VoteResultTemplateCode",
        NotificationKind.NoticePublished when values.GetValueOrDefault(UrgentValue) == "1" => "UrgentNoticeTemplateCode",
        _ => null,
    };

    public static OutgoingSms Compose(NotificationEvent e, IReadOnlyDictionary<string, string> values, string phone, string? culture, string absoluteLink)
    {
        var template = TemplateSetting(e.Kind, values)
                       ?? throw new InvalidOperationException($"{e.Kind} is not sent by SMS (event #{e.Id}).");
        var title = values.GetValueOrDefault("title", "");
        var parameters = new Dictionary<string, string>
        {
            ["title"] = title.Length > TitleLength ? title[..(TitleLength - 1)] + "…" : title,
            ["link"] = absoluteLink,
        };
        if (values.TryGetValue("closes", out var closes)) parameters["closes"] = closes;
        var text = EmailTemplates.Render($"Sms_{e.Kind}", EmailTemplates.CultureFor(culture), parameters);
        return new OutgoingSms(phone, $"notify.{e.Kind}", template, parameters, text);
    }
}
