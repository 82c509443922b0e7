using System.Globalization;

namespace Portal.Domain.Shared;

/// <summary>Exclusive area in hundredths of a square metre: exact, never floating point.</summary>
public static class ExclusiveArea
{
    /// <summary>Parses "72.5" or "72.50" (at most two decimals, positive) into hundredths.</summary>
    public static bool TryParse(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        if (value <= 0 || decimal.Round(value, 2) != value || value > 1_000_000m) return false;
        cents = (long)(value * 100m);
        return true;
    }

    /// <summary>Formats hundredths as "72.50".</summary>
    public static string Format(long cents) =>
        (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static decimal ToSquareMetres(long cents) => decimal.Round(cents / 100m, 2);
}
