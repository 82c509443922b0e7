using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>A flat as cost sharing sees it.</summary>
public sealed record FlatForSharing(long FlatId, long OwnerOfRecordId, long BuildingId, long EntranceId, int Floor, long ExclusiveAreaCents);

/// <summary>
/// Splits an amount of fen among weighted parties exactly (largest-remainder method): each gets the floor of its
/// proportional share, and the fen left over go one each to the largest remainders, ties to the lowest id.
/// The shares always add up to the amount and a zero weight gets zero. A weight may be negative (低层补偿: the low
/// floors are paid compensation out of what the others pay) as long as the weights add up to more than zero.
/// </summary>
public static class Allocation
{
    /// <summary>Why <see cref="Split"/> would refuse these inputs (a DomainException code), or null when it can split them.</summary>
    public static string? Refusal(long amountFen, IEnumerable<(long Id, long Weight)> weights)
    {
        if (amountFen < 0) return "funding.amount_negative";
        var parties = weights.ToList();
        if (parties.Select(p => p.Id).Distinct().Count() != parties.Count) return "funding.duplicate_party";
        if (amountFen == 0) return null;
        Int128 total = 0;
        foreach (var p in parties) total += p.Weight;
        if (total == 0) return "funding.nothing_to_share_by";
        if (total < 0) return "funding.weights_not_positive";
        return null;
    }

    public static IReadOnlyDictionary<long, long> Split(long amountFen, IEnumerable<(long Id, long Weight)> weights)
    {
        var parties = weights.OrderBy(w => w.Id).ToList();
        switch (Refusal(amountFen, parties))
        {
            case "funding.amount_negative": throw new DomainException("funding.amount_negative", "An amount to share cannot be negative.");
            case "funding.duplicate_party": throw new DomainException("funding.duplicate_party", "A flat appears twice.");
            case "funding.nothing_to_share_by": throw new DomainException("funding.nothing_to_share_by", "No flat in scope carries any weight, so the residents' share cannot be split.");
            case "funding.weights_not_positive": throw new DomainException("funding.weights_not_positive", "The compensation outweighs what the other flats pay: the weights must add up to more than zero.");
        }
        var result = parties.ToDictionary(p => p.Id, _ => 0L);
        if (amountFen == 0) return result;
        Int128 total = 0;
        foreach (var p in parties) total += p.Weight;

        long given = 0;
        var remainders = new List<(long Id, Int128 Remainder)>(parties.Count);
        foreach (var p in parties)
        {
            var exact = (Int128)amountFen * p.Weight;
            // Floor division (total > 0), so a negative share is rounded down too and every remainder is in [0, total).
            var quotient = exact / total;
            if (exact % total < 0) quotient -= 1;
            var share = (long)quotient;
            result[p.Id] = share;
            given += share;
            remainders.Add((p.Id, exact - quotient * total));
        }
        var left = amountFen - given; // < number of parties with a non-zero remainder
        foreach (var r in remainders.Where(r => r.Remainder > 0).OrderByDescending(r => r.Remainder).ThenBy(r => r.Id))
        {
            if (left == 0) break;
            result[r.Id] += 1;
            left--;
        }
        return result;
    }
}
