using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

public enum LedgerEntryKind
{
    /// <summary>Money from an outside source (a subsidy, the maintenance fund, social capital).</summary>
    SourceIncome = 0,
    /// <summary>A household's payment towards its pledge (card or offline).</summary>
    HouseholdPayment = 1,
    /// <summary>A household's payment sent back.</summary>
    Refund = 2,
    /// <summary>A household's payment of its yearly running-cost bill (运行维护费).</summary>
    RunningCostPayment = 3,
}

/// <summary>Money in (or a refund out) on a plan item's public ledger. Expenses are <see cref="Expense"/>.</summary>
public class LedgerEntry
{
    private LedgerEntry() { }

    public LedgerEntry(long compoundId, long planItemId, LedgerEntryKind kind, FundingSource source, long amountFen, DateTimeOffset at,
        string description, long? pledgeId, string recordedBy)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "A ledger amount must be more than zero.");
        CompoundId = compoundId;
        PlanItemId = planItemId;
        Kind = kind;
        Source = source;
        AmountFen = amountFen;
        At = at;
        Description = description.Trim();
        PledgeId = pledgeId;
        RecordedBy = recordedBy;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long PlanItemId { get; private set; }
    public LedgerEntryKind Kind { get; private set; }
    public FundingSource Source { get; private set; }
    public long AmountFen { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Description { get; private set; } = "";
    public long? PledgeId { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>Signed effect on the balance.</summary>
    public long BalanceEffectFen => Kind == LedgerEntryKind.Refund ? -AmountFen : AmountFen;
}

public enum ExpenseStatus { Pending = 0, Approved = 1, Rejected = 2 }

/// <summary>Money out, with its invoice; counts once approved by a committee member other than the one who entered it.</summary>
public class Expense
{
    private Expense() { }

    public Expense(long compoundId, long planItemId, long amountFen, string payee, string description, Guid? invoiceFileId, string enteredBy, DateTimeOffset enteredAt)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "An expense must be more than zero.");
        if (string.IsNullOrWhiteSpace(payee))
            throw new DomainException("expense.payee_required", "An expense needs a payee.");
        CompoundId = compoundId;
        PlanItemId = planItemId;
        AmountFen = amountFen;
        Payee = payee.Trim();
        Description = description.Trim();
        InvoiceFileId = invoiceFileId;
        EnteredBy = enteredBy;
        EnteredAt = enteredAt;
        Status = ExpenseStatus.Pending;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long PlanItemId { get; private set; }
    public long AmountFen { get; private set; }
    public string Payee { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Guid? InvoiceFileId { get; private set; }
    public string EnteredBy { get; private set; } = "";
    public DateTimeOffset EnteredAt { get; private set; }
    public ExpenseStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    public bool CanBeApprovedBy(string userId) => Status == ExpenseStatus.Pending && userId != EnteredBy;

    /// <summary>Approves against the ledger's current balance: a second person, and never below zero.</summary>
    public void Approve(string approverId, long balanceBeforeFen, DateTimeOffset at)
    {
        if (Status != ExpenseStatus.Pending)
            throw new DomainException("expense.already_decided", "This expense has already been decided.");
        if (approverId == EnteredBy)
            throw new DomainException("expense.same_person", "An expense is approved by someone other than the person who entered it.");
        Ledger.EnsureCanSpend(balanceBeforeFen, AmountFen);
        Status = ExpenseStatus.Approved;
        DecidedBy = approverId;
        DecidedAt = at;
    }

    public void Reject(string deciderId, DateTimeOffset at)
    {
        if (Status != ExpenseStatus.Pending)
            throw new DomainException("expense.already_decided", "This expense has already been decided.");
        if (deciderId == EnteredBy)
            throw new DomainException("expense.same_person", "An expense is decided by someone other than the person who entered it.");
        Status = ExpenseStatus.Rejected;
        DecidedBy = deciderId;
        DecidedAt = at;
    }
}

/// <summary>A cash or bank-transfer payment the treasurer recorded against a pledge.</summary>
public class OfflinePayment
{
    private OfflinePayment() { }

    public OfflinePayment(long pledgeId, long amountFen, DateOnly paidOn, string reference, Guid? receiptFileId, string recordedBy, DateTimeOffset recordedAt)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "A payment must be more than zero.");
        PledgeId = pledgeId;
        AmountFen = amountFen;
        PaidOn = paidOn;
        Reference = reference.Trim();
        ReceiptFileId = receiptFileId;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public long PledgeId { get; private set; }
    public long AmountFen { get; private set; }
    public DateOnly PaidOn { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid? ReceiptFileId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>The balance rule of a plan item's ledger.</summary>
public static class Ledger
{
    public static long Balance(IEnumerable<LedgerEntry> entries, IEnumerable<Expense> expenses) =>
        entries.Sum(e => e.BalanceEffectFen) - expenses.Where(x => x.Status == ExpenseStatus.Approved).Sum(x => x.AmountFen);

    public static void EnsureCanSpend(long balanceFen, long amountFen)
    {
        if (amountFen > balanceFen)
            throw new DomainException("ledger.balance_negative", "This would take the balance below zero.");
    }
}
