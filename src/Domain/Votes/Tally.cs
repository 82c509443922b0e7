namespace Portal.Domain.Votes;

/// <summary>What a matter is counted against: its rule and its named options (none for agree/oppose/abstain).</summary>
/// <remarks><see cref="OccupiedOwners"/>: owners of record of the flats whose exclusive parts the works occupy (拟占用专有部分); each must agree.</remarks>
public sealed record MatterSpec(long MatterId, string Title, IVotingRule Rule, IReadOnlyList<long> OptionIds, IReadOnlyList<long>? OccupiedOwners = null)
{
    /// <summary>
    /// Whether the matter binds (moves a proposal, opens a campaign): an advisory poll (意见征询: simple-majority, or a
    /// custom rule with no quorum) never does.
    /// </summary>
    public bool Binds => MatterRules.Binds(Rule);
}

public static class MatterRules
{
    public static bool Binds(IVotingRule rule) => rule.QuorumLine is { Numerator: > 0 };
}

/// <summary>The grouped counts of one matter: every choice (and option) with its headcount and area.</summary>
public sealed record MatterCounts(Weight Eligible, IReadOnlyDictionary<(Choice Choice, long? OptionId), Weight> ByChoice)
{
    public Weight Of(Choice choice, long? optionId = null) => ByChoice.GetValueOrDefault((choice, optionId));
    public Weight Participated => ByChoice.Values.Aggregate(Weight.Zero, (a, b) => a + b);
}

public sealed record OptionResult(long OptionId, Weight Agree);

public sealed record MatterResult(
    long MatterId, string Title, VoteRuleKind Rule,
    Weight Eligible, Weight Participated, Weight Agree, Weight Oppose, Weight Abstain,
    bool QuorumMet, bool Passed,
    IReadOnlyList<OptionResult> Options, long? LeadingOptionId, bool OptionsTied, Weight Invalid = default,
    int OccupiedNotAgreeing = 0);

public static class Tally
{
    /// <summary>
    /// Applies the matter's rule to its counts, then the occupied flats' consent: when the works occupy owners'
    /// exclusive parts, the matter fails unless each of those owners agreed (<paramref name="choiceOf"/> gives an owner's choice).
    /// </summary>
    public static MatterResult Decide(MatterSpec matter, MatterCounts counts, Func<long, Choice?>? choiceOf)
    {
        var result = Decide(matter, counts);
        if (matter.OccupiedOwners is not { Count: > 0 } occupied || choiceOf is null) return result;
        var notAgreeing = occupied.Distinct().Count(o => choiceOf(o) != Choice.Agree);
        return notAgreeing == 0 ? result : result with { Passed = false, OccupiedNotAgreeing = notAgreeing };
    }

    /// <summary>Applies the matter's rule to its counts. For named options the leader must lead on area AND headcount.</summary>
    public static MatterResult Decide(MatterSpec matter, MatterCounts counts)
    {
        var participated = counts.Participated;
        var abstain = counts.Of(Choice.Abstain);
        var invalid = counts.Of(Choice.Invalid); // in participated, never in agree, oppose or abstain
        var quorum = participated.Owners > 0 && matter.Rule.QuorumMet(counts.Eligible, participated);
        if (matter.OptionIds.Count == 0)
        {
            var agree = counts.Of(Choice.Agree);
            return new MatterResult(matter.MatterId, matter.Title, matter.Rule.Kind, counts.Eligible, participated, agree,
                counts.Of(Choice.Oppose), abstain, quorum, matter.Rule.Passes(counts.Eligible, participated, agree), [], null, false, invalid);
        }

        var options = matter.OptionIds.Select(id => new OptionResult(id, counts.Of(Choice.Option, id))).ToList();
        var (leader, tied) = Leader(options);
        var leading = leader is null ? Weight.Zero : options.Single(o => o.OptionId == leader).Agree;
        var passed = leader is not null && matter.Rule.Passes(counts.Eligible, participated, leading);
        // Owners who picked another option count as not agreeing with the leader.
        var others = options.Where(o => o.OptionId != leader).Aggregate(Weight.Zero, (a, o) => a + o.Agree);
        return new MatterResult(matter.MatterId, matter.Title, matter.Rule.Kind, counts.Eligible, participated, leading, others, abstain,
            quorum, passed, options, leader, tied, invalid);
    }

    /// <summary>The option with the most area and the most headcount; a tie (or a split between the two) is no leader.</summary>
    public static (long? Leader, bool Tied) Leader(IReadOnlyList<OptionResult> options)
    {
        if (options.Count == 0 || options.All(o => o.Agree.Owners == 0)) return (null, false);
        var maxArea = options.Max(o => o.Agree.AreaCents);
        var maxOwners = options.Max(o => o.Agree.Owners);
        var byArea = options.Where(o => o.Agree.AreaCents == maxArea).ToList();
        var byOwners = options.Where(o => o.Agree.Owners == maxOwners).ToList();
        if (byArea.Count == 1 && byOwners.Count == 1 && byArea[0].OptionId == byOwners[0].OptionId)
            return (byArea[0].OptionId, false);
        return (null, true);
    }

    /// <summary>
    /// The plain count: for each matter, walk the electorate and each member's current choice. Ballots of owners
    /// outside the electorate (after a correction) do not count.
    /// </summary>
    public static MatterCounts CountInMemory(long matterId, IReadOnlyDictionary<long, long> electorateAreaByOwner,
        IReadOnlyDictionary<long, IReadOnlyList<MatterChoice>> ballotsByOwner)
    {
        var eligible = new Weight(electorateAreaByOwner.Count, electorateAreaByOwner.Values.Sum());
        var byChoice = new Dictionary<(Choice, long?), Weight>();
        foreach (var (owner, area) in electorateAreaByOwner)
        {
            if (!ballotsByOwner.TryGetValue(owner, out var ballot)) continue;
            var choice = ballot.FirstOrDefault(c => c.MatterId == matterId);
            if (choice is null) continue;
            var key = (choice.Choice, choice.Choice == Choice.Option ? choice.OptionId : null);
            byChoice[key] = byChoice.GetValueOrDefault(key) + new Weight(1, area);
        }
        return new MatterCounts(eligible, byChoice);
    }
}
