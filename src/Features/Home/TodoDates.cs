using System.Globalization;
using Portal.Features.Shared;

namespace Portal.Features.Home;

/// <summary>Deadlines in full, in the reader's language: 2026年12月2日 18:00 / 2 December 2026, 18:00.</summary>
public static class TodoDates
{
    public static string Format(DateTimeOffset utc)
    {
        var local = Shanghai.ToLocal(utc);
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? $"{local.Year}年{local.Month}月{local.Day}日 {local:HH:mm}"
            : local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
    }
}
