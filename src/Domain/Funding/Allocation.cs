using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>A flat as cost sharing sees it.</summary>
public sealed record FlatForSharing(long FlatId, long OwnerOfRecordId, long BuildingId, long EntranceId, int Floor, long ExclusiveAreaCents);

/// <summary>
/// Splits an amount of fen among weighted parties exactly (largest-remainder method): each gets the floor of its
/// proportional share, and the fen left over go one each to the largest remainders, ties to the lowest id.
/// The shares always add up to the amount, none is negative, and a zero weight gets zero.
/// </summary>
public static class Allocation
{
    public static IReadOnlyDictionary<long, long> Split(long amountFen, IEnumerable<(long Id, long Weight)> weights)
    {
        if (amountFen < 0)
            throw new DomainException("funding.amount_negative", "An amount to share cannot be negative.");
        var parties = weights.OrderBy(w => w.Id).ToList();
        if (parties.Any(p => p.Weight < 0))
            throw new DomainException("funding.weight_negative", "A sharing weight cannot be negative.");
        if (parties.Select(p => p.Id).Distinct().Count() != parties.Count)
            throw new DomainException("funding.duplicate_party", "A flat appears twice.");
        var result = parties.ToDictionary(p => p.Id, _ => 0L);
        if (amountFen == 0) return result;
        Int128 total = 0;
        foreach (var p in parties) total += p.Weight;
        if (total == 0)
            throw new DomainException("funding.nothing_to_share_by", "No flat in scope carries any weight, so the residents' share cannot be split.");

        long given = 0;
        var remainders = new List<(long Id, Int128 Remainder)>(parties.Count);
        foreach (var p in parties)
        {
            var exact = (Int128)amountFen * p.Weight;
            var share = (long)(exact / total);
            result[p.Id] = share;
            given += share;
            remainders.Add((p.Id, exact % total));
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
