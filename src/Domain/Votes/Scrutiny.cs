using Portal.Domain.Shared;

namespace Portal.Domain.Votes;

/// <summary>监票人/计票人: a person the committee names to scrutinise a vote's count; each signs off once.</summary>
public class VoteScrutineer
{
    /// <summary>A vote needs at least this many scrutineers before its count can be signed off.</summary>
    public const int Minimum = 2;

    private VoteScrutineer() { }

    public VoteScrutineer(long voteId, string userId, string name, string namedBy, DateTimeOffset namedAt)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("scrutineer.name_required", "A scrutineer needs a name.");
        VoteId = voteId;
        UserId = userId;
        Name = name.Trim();
        NamedBy = namedBy;
        NamedAt = namedAt;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NamedBy { get; private set; } = "";
    public DateTimeOffset NamedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }

    /// <summary>True the first time; a second sign-off changes nothing.</summary>
    public bool Sign(DateTimeOffset at)
    {
        if (SignedAt is not null) return false;
        SignedAt = at;
        return true;
    }
}

/// <summary>
/// A numbered A4 ballot paper (纸质表决票) issued for one flat of a vote's electorate. Its paper code (纸质票编号) is kept
/// only as a keyed hash; once a ballot is entered with it, the code is that owner's receipt (投票码).
/// </summary>
public class BallotPaper
{
    private BallotPaper() { }

    public BallotPaper(long voteId, long flatId, long ownerOfRecordId, int number, string codeHash, DateTimeOffset issuedAt)
    {
        VoteId = voteId;
        FlatId = flatId;
        OwnerOfRecordId = ownerOfRecordId;
        Number = number;
        CodeHash = codeHash;
        IssuedAt = issuedAt;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long FlatId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public int Number { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>Reprinted before use: a fresh code replaces the old one.</summary>
    public void Reissue(string codeHash, DateTimeOffset at)
    {
        if (UsedAt is not null)
            throw new DomainException("paper.code_used", "This paper code has been used.");
        CodeHash = codeHash;
        IssuedAt = at;
    }

    public void Use(DateTimeOffset at)
    {
        if (UsedAt is not null)
            throw new DomainException("paper.code_used", "This paper code has been used.");
        UsedAt = at;
    }
}

/// <summary>How the committee answered an objection.</summary>
public enum ObjectionOutcome
{
    Answered = 0,
    /// <summary>Dismissed with reasons.</summary>
    Dismissed = 1,
    /// <summary>Acted on: the count was corrected, a new preliminary result posted.</summary>
    Corrected = 2,
}

/// <summary>Paper codes: 10 characters of the receipt alphabet, read without spaces or dashes, upper case.</summary>
public static class PaperCodes
{
    public static string New() => ReceiptCodes.New();

    public static string Normalise(string code) =>
        new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
}
