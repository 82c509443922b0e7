namespace Portal.Domain.Proposals;

/// <summary>How many supporters send a proposal to the committee: a share of the flats in scope, at least three.</summary>
public static class SupportThreshold
{
    public const int Minimum = 3;

    /// <summary>max(3, ⌈flats × basis points / 10000⌉), in exact integer arithmetic.</summary>
    public static int For(int flatsInScope, int basisPoints)
    {
        var share = ((long)flatsInScope * basisPoints + 9_999) / 10_000;
        return (int)Math.Max(Minimum, share);
    }
}
