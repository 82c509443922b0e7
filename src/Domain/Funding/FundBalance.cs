using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>
/// One flat's balance in the housing maintenance fund (住宅专项维修资金 分户账), as of a date, imported by the committee
/// from the fund's statement. Money in it is drawn only for a plan item whose fund use the owners approved by vote.
/// </summary>
public class FundBalance
{
    private FundBalance() { }

    public FundBalance(long compoundId, long flatId, long balanceFen, DateOnly asOf, string importedBy, DateTimeOffset importedAt)
    {
        CompoundId = compoundId;
        FlatId = flatId;
        Update(balanceFen, asOf, importedBy, importedAt);
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public long BalanceFen { get; private set; }
    public DateOnly AsOf { get; private set; }
    public string ImportedBy { get; private set; } = "";
    public DateTimeOffset ImportedAt { get; private set; }

    public void Update(long balanceFen, DateOnly asOf, string importedBy, DateTimeOffset importedAt)
    {
        if (balanceFen < 0)
            throw new DomainException("fund.balance_negative", "A maintenance-fund balance cannot be below zero.");
        BalanceFen = balanceFen;
        AsOf = asOf;
        ImportedBy = importedBy;
        ImportedAt = importedAt;
    }
}

/// <summary>How a flat's share is drawn from its own fund account once the fund use passed: up to the balance, the rest is the household's.</summary>
public static class FundDraw
{
    /// <summary>The part of a share paid from the flat's own balance: never more than the share or the balance, nothing for compensation.</summary>
    public static long For(long shareFen, long balanceFen) => shareFen <= 0 || balanceFen <= 0 ? 0 : Math.Min(shareFen, balanceFen);
}
