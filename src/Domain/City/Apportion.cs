namespace Portal.Domain.City;

/// <summary>Splits a whole-number total into whole-number shares by weight, exactly (largest remainder, Hamilton).</summary>
public static class Apportion
{
    /// <summary>Shares that sum to <paramref name="total"/>; ties in remainder go to the earlier index.</summary>
    public static long[] ByWeight(long total, IReadOnlyList<long> weights)
    {
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total));
        if (weights.Count == 0) throw new ArgumentException("At least one weight is needed.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        Int128 sum = 0;
        foreach (var w in weights) sum += w;
        if (sum == 0) throw new ArgumentException("Weights cannot all be zero.", nameof(weights));

        var shares = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            shares[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += shares[i];
        }
        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToList();
        for (var k = 0; k < total - given; k++) shares[order[k]]++;
        return shares;
    }
}
