using System.Security.Cryptography;

namespace Portal.Domain.Votes;

/// <summary>
/// The ballot that counts for one owner of record in one vote. A unique key on (VoteId, OwnerOfRecordId) makes
/// "one current ballot per owner" a database fact; <see cref="Version"/> guards each change.
/// </summary>
public class CurrentBallot
{
    private CurrentBallot() { }

    public CurrentBallot(long voteId, long ownerOfRecordId, int version, string receiptCode, long ballotVersionId, DateTimeOffset castAt)
    {
        VoteId = voteId;
        OwnerOfRecordId = ownerOfRecordId;
        Version = version;
        ReceiptCode = receiptCode;
        BallotVersionId = ballotVersionId;
        CastAt = castAt;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public int Version { get; private set; }
    public string ReceiptCode { get; private set; } = "";
    public long BallotVersionId { get; private set; }
    public DateTimeOffset CastAt { get; private set; }
}

/// <summary>The current choice of one owner on one matter (what the count reads).</summary>
public class CurrentChoice
{
    private CurrentChoice() { }

    public CurrentChoice(long voteId, long ownerOfRecordId, long matterId, Choice choice, long? optionId)
    {
        VoteId = voteId;
        OwnerOfRecordId = ownerOfRecordId;
        MatterId = matterId;
        Choice = choice;
        OptionId = optionId;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public long MatterId { get; private set; }
    public Choice Choice { get; private set; }
    public long? OptionId { get; private set; }
}

/// <summary>Every ballot ever cast or recorded, kept: the history behind the current ballot.</summary>
public class BallotVersion
{
    private BallotVersion() { }

    public BallotVersion(long voteId, long ownerOfRecordId, int version, string choicesText, string receiptCode, BallotChannel channel,
        DateTimeOffset castAt, string castBy, long? flatId, DateOnly? paperDate, string? reason, string? authorisationReference,
        DateTimeOffset? receivedAt = null)
    {
        ReceivedAt = receivedAt;
        VoteId = voteId;
        OwnerOfRecordId = ownerOfRecordId;
        Version = version;
        ChoicesText = choicesText;
        ReceiptCode = receiptCode;
        Channel = channel;
        CastAt = castAt;
        CastBy = castBy;
        FlatId = flatId;
        PaperDate = paperDate;
        Reason = reason;
        AuthorisationReference = authorisationReference;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public int Version { get; private set; }
    /// <summary>"matterId=agree;matterId=option:7" — the choices as cast.</summary>
    public string ChoicesText { get; private set; } = "";
    public string ReceiptCode { get; private set; } = "";
    public BallotChannel Channel { get; private set; }
    public DateTimeOffset CastAt { get; private set; }
    /// <summary>The account that cast it online, or the committee member who recorded it.</summary>
    public string CastBy { get; private set; } = "";
    public long? FlatId { get; private set; }
    public DateOnly? PaperDate { get; private set; }
    public string? Reason { get; private set; }
    public string? AuthorisationReference { get; private set; }
    /// <summary>When a paper, assisted or proxy ballot reached the committee (at or before closing to count).</summary>
    public DateTimeOffset? ReceivedAt { get; private set; }
}

/// <summary>One matter's choice on a ballot.</summary>
public sealed record MatterChoice(long MatterId, Choice Choice, long? OptionId = null)
{
    public static string Format(IEnumerable<MatterChoice> choices) =>
        string.Join(";", choices.OrderBy(c => c.MatterId).Select(c =>
            $"{c.MatterId}={(c.Choice == Choice.Option ? "option:" + c.OptionId : c.Choice.Code())}"));

    public static IReadOnlyList<MatterChoice> Parse(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var kv = part.Split('=', 2);
            var matter = long.Parse(kv[0], System.Globalization.CultureInfo.InvariantCulture);
            if (kv[1].StartsWith("option:", StringComparison.Ordinal))
                return new MatterChoice(matter, Choice.Option, long.Parse(kv[1][7..], System.Globalization.CultureInfo.InvariantCulture));
            Choices.TryParse(kv[1], out var c);
            return new MatterChoice(matter, c);
        }).ToList();
}

/// <summary>投票码: random and unguessable (10 characters of base32, 50 bits).</summary>
public static class ReceiptCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        Span<char> code = stackalloc char[10];
        for (var i = 0; i < code.Length; i++) code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }
}

/// <summary>An owner's objection to the preliminary result; the committee must answer it before the result is final.</summary>
public class Objection
{
    private Objection() { }

    public Objection(long voteId, string userId, string text, DateTimeOffset filedAt)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new Shared.DomainException("objection.text_required", "An objection needs a text.");
        VoteId = voteId;
        UserId = userId;
        Text = text.Trim();
        FiledAt = filedAt;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset FiledAt { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public ObjectionOutcome Outcome { get; private set; }
    public long? CorrectionId { get; private set; }

    /// <summary>Upheld: the count was corrected (<paramref name="correctionId"/>); the answer says how.</summary>
    public void AnswerWithCorrection(string answer, long correctionId, string by, DateTimeOffset at)
    {
        AnswerWith(answer, by, at);
        Outcome = ObjectionOutcome.Corrected;
        CorrectionId = correctionId;
    }

    public void AnswerWith(string answer, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(answer))
            throw new Shared.DomainException("objection.answer_required", "An answer needs a text.");
        if (Answer is not null)
            throw new Shared.DomainException("objection.already_answered", "This objection has been answered.");
        Answer = answer.Trim();
        Outcome = ObjectionOutcome.Dismissed;
        AnsweredBy = by;
        AnsweredAt = at;
    }
}
