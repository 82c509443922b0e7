namespace Portal.Features.Shared;

/// <summary>Times are stored in UTC and shown in Asia/Shanghai.</summary>
public static class Shanghai
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm");

    public static string FormatDate(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd");

    /// <summary>The date in full, for anything printed or posted: 2026年12月2日 / 2 December 2026.</summary>
    public static string FormatLongDate(DateTimeOffset utc)
    {
        var local = ToLocal(utc);
        return System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh"
            ? $"{local.Year}年{local.Month}月{local.Day}日"
            : local.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a local (Shanghai) date and time typed into a form as a UTC instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();
}
