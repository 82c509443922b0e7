using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>One cost of a year's running-cost bill: the elevator's electricity, the maintenance contract, the annual inspection.</summary>
public class RunningCostLine
{
    public const int MaxNameLength = 100;

    private RunningCostLine() { }

    public RunningCostLine(string name, long amountFen)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("running_cost.line_name_required", "Each cost line needs a name.");
        if (amountFen <= 0)
            throw new DomainException("running_cost.line_amount_not_positive", "Each cost line needs an amount of more than zero.");
        Name = name.Trim().Length > MaxNameLength ? name.Trim()[..MaxNameLength] : name.Trim();
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long BillId { get; private set; }
    public string Name { get; private set; } = "";
    public long AmountFen { get; private set; }
}

/// <summary>One flat's line of a running-cost bill: what its household owes for the year and what it has paid.</summary>
public class RunningCostCharge
{
    private RunningCostCharge() { }

    internal RunningCostCharge(long compoundId, long flatId, long ownerOfRecordId, long weight, long amountFen)
    {
        CompoundId = compoundId;
        FlatId = flatId;
        OwnerOfRecordId = ownerOfRecordId;
        Weight = weight;
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long BillId { get; private set; }
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    /// <summary>The flat's weight in the bill's sharing table (1, its area, area × coefficient, or its amount in a custom table).</summary>
    public long Weight { get; private set; }
    public long AmountFen { get; private set; }
    public long PaidFen { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    /// <summary>The code for the bank-transfer memo, from the same alphabet as pledges' codes (<see cref="Funding.TransferReference"/>).</summary>
    public string? TransferReference { get; private set; }

    public long OwedFen => Math.Max(0, AmountFen - PaidFen);
    public bool IsPaid => PaidFen >= AmountFen;

    public void AssignTransferReference(string code)
    {
        if (TransferReference is not null || AmountFen == 0) return;
        if (!Funding.TransferReference.IsValid(code))
            throw new DomainException("pledge.reference_invalid", "Not a valid transfer reference.");
        TransferReference = code;
    }

    /// <summary>Money for this year's bill arrived (a transfer, cash); never more than what is still owed.</summary>
    public void RecordPayment(long amountFen, DateTimeOffset at)
    {
        if (amountFen <= 0)
            throw new DomainException("pledge.amount_not_positive", "A payment must be more than zero.");
        if (amountFen > OwedFen)
            throw new DomainException("running_cost.overpaid", "The payment is more than what is still owed on this bill.");
        PaidFen += amountFen;
        if (IsPaid) PaidAt = at;
    }
}

public enum RunningCostPaymentChannel { BankTransfer = 0, Cash = 1, Card = 2 }

/// <summary>A payment recorded against one flat's running-cost charge (by statement import or by the treasurer).</summary>
public class RunningCostPayment
{
    private RunningCostPayment() { }

    public RunningCostPayment(RunningCostCharge charge, long amountFen, RunningCostPaymentChannel channel, DateOnly paidOn, string reference,
        Guid? receiptFileId, string recordedBy, DateTimeOffset recordedAt)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "A payment must be more than zero.");
        ChargeId = charge.Id;
        AmountFen = amountFen;
        Channel = channel;
        PaidOn = paidOn;
        Reference = reference.Trim();
        ReceiptFileId = receiptFileId;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public long ChargeId { get; private set; }
    public long AmountFen { get; private set; }
    public RunningCostPaymentChannel Channel { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid? ReceiptFileId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>
/// The yearly running costs (运行维护费) of a finished plan item, such as an elevator: the year's cost lines, shared
/// among the flats by the bill's own table (equal per flat, by area, floor coefficient × area, or a custom table of
/// amounts), which may differ from the construction's. One bill per item and year; each flat's charge is exact to the
/// fen and the charges add up to the total.
/// </summary>
public class RunningCostBill
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private readonly List<RunningCostLine> _lines = [];
    private readonly List<RunningCostCharge> _charges = [];

    private RunningCostBill() { }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long PlanItemId { get; private set; }
    public int Year { get; private set; }
    public CostSharingMethod Method { get; private set; }
    public long TotalFen { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }

    public IReadOnlyList<RunningCostLine> Lines => _lines;
    public IReadOnlyList<RunningCostCharge> Charges => _charges;

    /// <summary>
    /// Issues the bill: splits the lines' total by the flats' weights (largest remainder, exact to the fen). With a
    /// custom table the weights are the amounts themselves and must add up to the total.
    /// </summary>
    public static RunningCostBill Issue(long compoundId, long planItemId, int year, CostSharingMethod method,
        IReadOnlyList<RunningCostLine> lines, IReadOnlyList<(FlatForSharing Flat, long Weight)> weights, string issuedBy, DateTimeOffset at)
    {
        if (year is < MinYear or > MaxYear)
            throw new DomainException("running_cost.year_out_of_range", $"The year must be between {MinYear} and {MaxYear}.");
        if (method == CostSharingMethod.Voluntary)
            throw new DomainException("running_cost.voluntary", "Running costs are shared by a table, not by voluntary pledges.");
        if (lines.Count == 0)
            throw new DomainException("running_cost.no_lines", "A bill needs at least one cost line.");
        if (weights.Count == 0)
            throw new DomainException("funding.no_flats", "There are no flats in scope to share the cost.");
        if (weights.Any(w => w.Weight < 0))
            throw new DomainException("running_cost.weight_negative", "A flat's share of running costs cannot be negative.");
        var total = lines.Aggregate(0L, (sum, l) => checked(sum + l.AmountFen));
        if (method == CostSharingMethod.CustomTable)
        {
            var sum = weights.Aggregate(0L, (s, w) => checked(s + w.Weight));
            if (sum != total)
                throw new DomainException("running_cost.shares_do_not_sum", $"The custom table adds up to {sum} fen, not the bill's {total} fen.");
        }
        var shares = Allocation.Split(total, weights.Select(w => (w.Flat.FlatId, w.Weight)));
        var bill = new RunningCostBill
        {
            CompoundId = compoundId,
            PlanItemId = planItemId,
            Year = year,
            Method = method,
            TotalFen = total,
            IssuedBy = issuedBy,
            IssuedAt = at,
        };
        bill._lines.AddRange(lines);
        bill._charges.AddRange(weights.OrderBy(w => w.Flat.FlatId)
            .Select(w => new RunningCostCharge(compoundId, w.Flat.FlatId, w.Flat.OwnerOfRecordId, w.Weight, shares[w.Flat.FlatId])));
        return bill;
    }

    public long PaidFen => _charges.Sum(c => c.PaidFen);
}
