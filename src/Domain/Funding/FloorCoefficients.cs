using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>How residents reach the elevator: at their own floor (平层入户), or half a flight away (半层入户) when it stops at the stair landings.</summary>
public enum EntryType
{
    /// <summary>平层入户: the elevator stops at each floor, so the ground floor gains nothing.</summary>
    Level = 0,
    /// <summary>半层入户: the elevator stops at the landings, so every floor still climbs half a flight and the first floor gains a little.</summary>
    HalfLevel = 1,
}

/// <summary>
/// Elevator-style cost sharing: a coefficient per floor in thousandths (0.7 = 700). The usual published table:
/// floors 1–2 pay nothing, 3 → 0.7, rising by 0.1 a floor to 9 → 1.3; floors above 9 keep rising by 0.1.
/// </summary>
public static class FloorCoefficients
{
    public const int Max = 100_000;

    public static int Default(int floor) => floor switch
    {
        <= 2 => 0,
        _ => 700 + (floor - 3) * 100,
    };

    /// <summary>
    /// The reference table the committee starts from, by the building's height and entry type; the committee edits any
    /// value afterwards. 平层入户 up to six floors: 0, 0.5, 0.8, 1.0, 1.2, 1.4; taller: the usual table above. 半层入户:
    /// the first floor pays a little (0.1), then 0.4, 0.7, 0.9, rising by 0.1 a floor.
    /// </summary>
    public static IReadOnlyDictionary<int, int> Published(EntryType entry, int floors)
    {
        if (floors is < 1 or > 200)
            throw new DomainException("funding.floor_out_of_range", "A floor must be between -5 and 200.");
        int[] low = entry switch
        {
            EntryType.HalfLevel => [100, 400, 700, 900],
            _ when floors <= 6 => [0, 500, 800, 1000, 1200, 1400],
            _ => [],
        };
        return Enumerable.Range(1, floors).ToDictionary(f => f, f =>
            f <= low.Length ? low[f - 1]
            : entry == EntryType.HalfLevel ? 900 + (f - 4) * 100
            : Default(f));
    }

    public static void Check(int floor, int thousandths)
    {
        if (floor < -5 || floor > 200)
            throw new DomainException("funding.floor_out_of_range", "A floor must be between -5 and 200.");
        if (thousandths is < -Max or > Max)
            throw new DomainException("funding.coefficient_out_of_range", "A floor coefficient must be between -100 and 100.");
    }

    /// <summary>Formats 700 as "0.7", 1250 as "1.25".</summary>
    public static string Format(int thousandths) => (thousandths / 1000m).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads "0.7", "1.25" or "-0.2" (compensation; at most three decimals) as thousandths.</summary>
    public static bool TryParse(string? text, out int thousandths)
    {
        thousandths = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
        if (value < -Max / 1000m || value > Max / 1000m || decimal.Round(value, 3) != value) return false;
        thousandths = (int)(value * 1000m);
        return true;
    }
}

/// <summary>A coefficient for one floor, for the scheme's whole scope or for one building or entrance of it.</summary>
public class FloorCoefficient
{
    private FloorCoefficient() { }

    public FloorCoefficient(long? buildingId, long? entranceId, int floor, int thousandths)
    {
        FloorCoefficients.Check(floor, thousandths);
        BuildingId = buildingId;
        EntranceId = entranceId;
        Floor = floor;
        Thousandths = thousandths;
    }

    public long Id { get; private set; }
    public long SchemeId { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public int Floor { get; private set; }
    public int Thousandths { get; private set; }

    internal void Change(int thousandths)
    {
        FloorCoefficients.Check(Floor, thousandths);
        Thousandths = thousandths;
    }
}
