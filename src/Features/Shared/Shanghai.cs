namespace Portal.Features.Shared;

/// <summary>Times are stored in UTC and shown in Asia/Shanghai.</summary>
public static class Shanghai
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static string Format(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd HH:mm");

    public static string FormatDate(DateTimeOffset utc) => ToLocal(utc).ToString("yyyy-MM-dd");

    /// <summary>Reads a local (Shanghai) date and time typed into a form as a UTC instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();
}
