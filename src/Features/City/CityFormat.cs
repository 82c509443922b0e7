using System.Globalization;

namespace Portal.Features.City;

/// <summary>Figures as the dashboard shows them: thousands separators, m² and yuan with two decimals.</summary>
public static class CityFormat
{
    public static string Count(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);
    public static string SquareMetres(long cents) => (cents / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
    public static string Yuan(long fen) => Domain.Shared.Money.FormatYuan(fen);
    /// <summary>Ten-thousands of yuan (万元), as Chinese reports give money.</summary>
    public static string WanYuan(long fen) => (fen / 1_000_000m).ToString("#,##0.##", CultureInfo.InvariantCulture);
    public static string Rating(int hundredths) => (hundredths / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
