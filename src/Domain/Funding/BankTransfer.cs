using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

/// <summary>
/// The short code a household writes in the transfer memo (转账附言) so the treasurer can tell whose money arrived:
/// five letters or digits and a check character, from an alphabet without 0/O, 1/I/L, so it survives being read
/// aloud, typed on a phone or retyped by a bank clerk. A mistyped code fails its check and is never someone else's.
/// </summary>
public static class TransferReference
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string New(Random random)
    {
        var body = new char[Length - 1];
        for (var i = 0; i < body.Length; i++) body[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(body) + Check(body);
    }

    public static bool IsValid(string? code) =>
        code is { Length: Length } && code.All(Alphabet.Contains) && code[^1] == Check(code.AsSpan(0, Length - 1));

    private static char Check(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += (i + 2) * Alphabet.IndexOf(body[i]);
        return Alphabet[sum % Alphabet.Length];
    }

    /// <summary>A memo as the bank wrote it, made comparable: full-width letters and digits half-width, upper case, no spaces or dashes.</summary>
    public static string Normalise(string? text)
    {
        var s = new StringBuilder((text ?? "").Length);
        foreach (var raw in text ?? "")
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '\u3000') continue;
            s.Append(char.ToUpperInvariant(c));
        }
        return s.ToString();
    }

    /// <summary>The known codes the memo contains (usually none or one).</summary>
    public static IReadOnlyList<string> FoundIn(string? memo, IEnumerable<string> codes)
    {
        var text = Normalise(memo);
        return text.Length < Length ? [] : codes.Where(c => text.Contains(c, StringComparison.Ordinal)).ToList();
    }
}

/// <summary>The supervised account (共管账户) households transfer their pledge to.</summary>
public sealed record TransferAccount(string Name, string Bank, string Number)
{
    public static TransferAccount Create(string? name, string? bank, string? number)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(bank) || string.IsNullOrWhiteSpace(number))
            throw new DomainException("transfer.account_incomplete", "The account needs a name, a bank and a number.");
        var digits = number.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.Length is < 6 or > 40 || !digits.All(char.IsAsciiDigit))
            throw new DomainException("transfer.account_number_invalid", "An account number is 6 to 40 digits.");
        return new TransferAccount(name.Trim(), bank.Trim(), digits);
    }
}

public enum StatementLineOutcome
{
    /// <summary>Reference and amount matched a pledge (or the treasurer matched it by hand): the pledge was credited.</summary>
    Matched = 0,
    /// <summary>The reference names a pledge but the amount is not what it owes: listed, not credited.</summary>
    Partial = 1,
    /// <summary>No known reference in the memo: listed, not credited.</summary>
    Unmatched = 2,
    /// <summary>The same transaction was imported before (same bank id, or same date, amount, memo and counterparty): ignored.</summary>
    Duplicate = 3,
    /// <summary>Money out of the account (or zero): not a household's payment.</summary>
    Outgoing = 4,
}

/// <summary>One bank statement the treasurer imported.</summary>
public class BankStatement
{
    private BankStatement() { }

    public BankStatement(long compoundId, string fileName, string importedBy, DateTimeOffset importedAt)
    {
        CompoundId = compoundId;
        FileName = fileName.Length > 255 ? fileName[..255] : fileName;
        ImportedBy = importedBy;
        ImportedAt = importedAt;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ImportedBy { get; private set; } = "";
    public DateTimeOffset ImportedAt { get; private set; }
}

/// <summary>One line of an imported statement and what became of it.</summary>
public class BankStatementLine
{
    private BankStatementLine() { }

    public BankStatementLine(long compoundId, int lineNumber, string? bankTransactionId, DateOnly bookedOn, long amountFen,
        string memo, string counterparty)
    {
        CompoundId = compoundId;
        LineNumber = lineNumber;
        BankTransactionId = string.IsNullOrWhiteSpace(bankTransactionId) ? null : bankTransactionId.Trim();
        BookedOn = bookedOn;
        AmountFen = amountFen;
        Memo = memo.Trim();
        Counterparty = counterparty.Trim();
        Fingerprint = FingerprintOf(bookedOn, amountFen, Memo, Counterparty);
        Outcome = StatementLineOutcome.Unmatched;
    }

    public long Id { get; private set; }
    public long StatementId { get; private set; }
    public long CompoundId { get; private set; }
    public int LineNumber { get; private set; }
    public string? BankTransactionId { get; private set; }
    public DateOnly BookedOn { get; private set; }
    /// <summary>Positive for money in.</summary>
    public long AmountFen { get; private set; }
    public string Memo { get; private set; } = "";
    public string Counterparty { get; private set; } = "";
    public string Fingerprint { get; private set; } = "";
    /// <summary>Set only on the line that first brought a transaction in: unique per compound, so it is never booked twice.</summary>
    public string? ClaimedTransactionId { get; private set; }
    public string? ClaimedFingerprint { get; private set; }
    public StatementLineOutcome Outcome { get; private set; }
    /// <summary>The pledge it paid, or (partial) the pledge its reference names.</summary>
    public long? PledgeId { get; private set; }
    public long? DuplicateOfLineId { get; private set; }
    /// <summary>The running-cost charge (运行维护费) the line paid, when its memo named a bill's code instead of a pledge's.</summary>
    public long? RunningCostChargeId { get; private set; }
    public string? MatchedBy { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }
    public bool MatchedByHand { get; private set; }

    public static string FingerprintOf(DateOnly bookedOn, long amountFen, string memo, string counterparty)
    {
        var text = $"{bookedOn:yyyy-MM-dd}|{amountFen}|{TransferReference.Normalise(memo)}|{TransferReference.Normalise(counterparty)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public void AttachTo(BankStatement statement) => StatementId = statement.Id;

    public void MarkDuplicateOf(long? earlierLineId)
    {
        Outcome = StatementLineOutcome.Duplicate;
        DuplicateOfLineId = earlierLineId;
        ClaimedTransactionId = null;
        ClaimedFingerprint = null;
    }

    /// <summary>This line is the first sighting of its transaction.</summary>
    public void Claim()
    {
        ClaimedTransactionId = BankTransactionId;
        ClaimedFingerprint = Fingerprint;
        if (AmountFen <= 0) Outcome = StatementLineOutcome.Outgoing;
    }

    public void MarkMatched(long pledgeId, string by, DateTimeOffset at)
    {
        Outcome = StatementLineOutcome.Matched;
        PledgeId = pledgeId;
        MatchedBy = by;
        MatchedAt = at;
    }

    public void MarkMatchedToCharge(long chargeId, string by, DateTimeOffset at)
    {
        Outcome = StatementLineOutcome.Matched;
        RunningCostChargeId = chargeId;
        MatchedBy = by;
        MatchedAt = at;
    }

    public void MarkPartial(long pledgeId)
    {
        Outcome = StatementLineOutcome.Partial;
        PledgeId = pledgeId;
    }

    public bool CanBeMatchedByHand => Outcome is StatementLineOutcome.Partial or StatementLineOutcome.Unmatched && AmountFen > 0;

    /// <summary>The treasurer decides the line paid a running-cost charge (运行维护费).</summary>
    public void MatchChargeByHand(long chargeId, string by, DateTimeOffset at)
    {
        if (!CanBeMatchedByHand)
            throw new DomainException("statement.line_not_open", "Only a partial or unmatched line of money in can be matched by hand.");
        PledgeId = null;
        MarkMatchedToCharge(chargeId, by, at);
        MatchedByHand = true;
    }

    /// <summary>The treasurer decides whose money a partial or unmatched line is.</summary>
    public void MatchByHand(long pledgeId, string by, DateTimeOffset at)
    {
        if (!CanBeMatchedByHand)
            throw new DomainException("statement.line_not_open", "Only a partial or unmatched line of money in can be matched by hand.");
        MarkMatched(pledgeId, by, at);
        MatchedByHand = true;
    }
}

public enum RefundChannel { BankTransfer = 0, Cash = 1, Card = 2 }

/// <summary>Money sent back to a household: the campaign failed or was cancelled, or the household paid more than it pledged.</summary>
public class PledgeRefund
{
    private PledgeRefund() { }

    public PledgeRefund(Pledge pledge, long amountFen, RefundChannel channel, DateOnly refundedOn, string reference, string recordedBy, DateTimeOffset recordedAt)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "A refund must be more than zero.");
        PledgeId = pledge.Id;
        CompoundId = pledge.CompoundId;
        AmountFen = amountFen;
        Channel = channel;
        RefundedOn = refundedOn;
        Reference = reference.Trim();
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public long Id { get; private set; }
    public long PledgeId { get; private set; }
    public long CompoundId { get; private set; }
    public long AmountFen { get; private set; }
    public RefundChannel Channel { get; private set; }
    public DateOnly RefundedOn { get; private set; }
    public string Reference { get; private set; } = "";
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}
