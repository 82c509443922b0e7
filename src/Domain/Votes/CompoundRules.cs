using Portal.Domain.Shared;

namespace Portal.Domain.Votes;

/// <summary>Which ballot counts when an owner voted online and the committee also enters a ballot for them.</summary>
public enum ChannelPrecedence
{
    /// <summary>The owner's own online ballot stands; a paper, assisted or proxy entry for them is refused.</summary>
    OnlinePrevails = 0,
    /// <summary>The latest ballot counts; the owner is told when a committee entry replaces theirs.</summary>
    LatestWins = 1,
}

public static class ChannelPrecedences
{
    public static string Code(this ChannelPrecedence p) => p == ChannelPrecedence.LatestWins ? "latest-wins" : "online-prevails";

    public static bool TryParse(string? text, out ChannelPrecedence precedence)
    {
        precedence = ChannelPrecedence.OnlinePrevails;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "online-prevails": return true;
            case "latest-wins": precedence = ChannelPrecedence.LatestWins; return true;
            default: return false;
        }
    }
}

/// <summary>
/// The compound's rules of procedure for votes (议事规则), set by the committee. A compound without a row uses
/// <see cref="Defaults"/>: 15 days' notice for a compound-wide vote (物业管理条例 Art. 14), 7 for a building or
/// entrance, at least 7 voting days, 7 objection days, 3 counting days, online ballots prevail and the
/// agree/oppose split stays hidden until closing.
/// </summary>
public class CompoundRules
{
    public const int DefaultCompoundNoticeDays = 15;
    public const int DefaultLocalNoticeDays = 7;
    public const int MaxDays = 90;

    private CompoundRules() { }

    public static CompoundRules Defaults(long compoundId) => new() { CompoundId = compoundId, UpdatedBy = "" };

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    /// <summary>Days of notice before a vote opens; null: 15 for a compound-wide vote, 7 for a building or entrance.</summary>
    public int? NoticeDays { get; private set; }
    public int MinVotingDays { get; private set; } = 7;
    public int ObjectionDays { get; private set; } = 7;
    public int CountingDays { get; private set; } = 3;
    public ChannelPrecedence Precedence { get; private set; } = ChannelPrecedence.OnlinePrevails;
    public bool HideSplitUntilClose { get; private set; } = true;
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset? UpdatedAt { get; private set; }

    public int NoticeDaysFor(Scope scope) =>
        NoticeDays ?? (scope.Kind == ScopeKind.Compound ? DefaultCompoundNoticeDays : DefaultLocalNoticeDays);

    /// <summary>Back to 15 days' notice for a compound-wide vote and 7 for a building or entrance.</summary>
    public void UseDefaultNotice() => NoticeDays = null;

    /// <summary>The committee changes the rules; a value left null keeps what is set.</summary>
    public void Change(int? noticeDays, int? minVotingDays, int? objectionDays, int? countingDays, ChannelPrecedence? precedence,
        bool? hideSplitUntilClose, string byUserId, DateTimeOffset at)
    {
        Check(noticeDays, 0, "rules.notice_days_out_of_range");
        Check(minVotingDays, 0, "rules.min_voting_days_out_of_range");
        Check(objectionDays, 0, "rules.objection_days_out_of_range");
        Check(countingDays, 0, "rules.counting_days_out_of_range");
        if (noticeDays is not null) NoticeDays = noticeDays;
        if (minVotingDays is { } v) MinVotingDays = v;
        if (objectionDays is { } o) ObjectionDays = o;
        if (countingDays is { } c) CountingDays = c;
        if (precedence is { } p) Precedence = p;
        if (hideSplitUntilClose is { } h) HideSplitUntilClose = h;
        UpdatedBy = byUserId;
        UpdatedAt = at;
    }

    /// <summary>
    /// Refuses a schedule that gives less notice than the rules or runs shorter than the minimum voting period,
    /// or whose dates are out of order. <paramref name="opensAt"/> is when the vote will open (now if at once).
    /// </summary>
    public void CheckSchedule(Scope scope, DateTimeOffset now, DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        if (closesAt <= opensAt)
            throw new DomainException("vote.closes_before_opening", "A vote must close after it opens.");
        if (opensAt < now.AddDays(NoticeDaysFor(scope)))
            throw new DomainException("vote.notice_too_short",
                $"The vote must be announced at least {NoticeDaysFor(scope)} days before it opens.");
        if (closesAt < opensAt.AddDays(MinVotingDays))
            throw new DomainException("vote.voting_too_short", $"A vote must run at least {MinVotingDays} days.");
    }

    private static void Check(int? days, int min, string code)
    {
        if (days is { } d && (d < min || d > MaxDays))
            throw new DomainException(code, $"The number of days must be {min} to {MaxDays}.");
    }
}
