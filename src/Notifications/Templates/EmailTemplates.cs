using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace Portal.Notifications.Templates;

/// <summary>
/// Email and inbox texts per kind of event, in EmailTemplates.resx (zh-CN) and EmailTemplates.en.resx. Placeholders
/// are the event's values by name: {title}, {compound}, {summary}...; unknown ones render empty.
/// </summary>
public sealed partial class EmailTemplates
{
    private static readonly ResourceManager Resources = new(typeof(EmailTemplates));

    public static CultureInfo CultureFor(string? preferred) =>
        preferred is not null && preferred.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? new CultureInfo("en") : new CultureInfo("zh-CN");

    public static string Text(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string Render(string key, CultureInfo culture, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(Text(key, culture), m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "").Trim();

    public static string Subject(NotificationKind kind, CultureInfo culture, IReadOnlyDictionary<string, string> values) =>
        Render($"Subject_{kind}", culture, values);

    public static string KindName(NotificationKind kind, CultureInfo culture) => Text($"Kind_{kind}", culture);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
