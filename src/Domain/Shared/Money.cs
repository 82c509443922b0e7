using System.Globalization;

namespace Portal.Domain.Shared;

/// <summary>Money is CNY in fen as 64-bit integers; these helpers only parse and format.</summary>
public static class Money
{
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim().TrimStart('¥', '￥');
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)) return false;
        if (value < 0 || decimal.Round(value, 2) != value || value > 100_000_000_000m) return false;
        fen = (long)(value * 100m);
        return true;
    }

    public static string FormatYuan(long fen) =>
        "¥" + (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
