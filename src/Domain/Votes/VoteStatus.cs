namespace Portal.Domain.Votes;

/// <summary>The phases of a vote, in order. Each move is made by one named method on <see cref="Vote"/>.</summary>
public enum VoteStatus
{
    Draft = 0,
    Open = 1,
    /// <summary>Closed before counting windows existed; new votes move from Open to <see cref="Counting"/>.</summary>
    Closed = 2,
    /// <summary>初步结果公示: the objection period runs.</summary>
    Preliminary = 3,
    Final = 4,
    /// <summary>计票: closed; late-entered paper ballots received before closing, then the scrutineers' sign-off.</summary>
    Counting = 5,
}

public enum Choice
{
    Agree = 0,
    Oppose = 1,
    Abstain = 2,
    /// <summary>A named option of the matter (its id is on the choice).</summary>
    Option = 3,
    /// <summary>无效票: a spoiled or unclear paper. Counts as participation, never as agree, oppose or abstain.</summary>
    Invalid = 4,
}

public static class Choices
{
    /// <summary>Reads agree|oppose|abstain|invalid or 同意|反对|弃权|无效.</summary>
    public static bool TryParse(string? text, out Choice choice)
    {
        choice = Choice.Agree;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "agree" or "同意": choice = Choice.Agree; return true;
            case "oppose" or "反对": choice = Choice.Oppose; return true;
            case "abstain" or "弃权": choice = Choice.Abstain; return true;
            case "invalid" or "无效": choice = Choice.Invalid; return true;
            default: return false;
        }
    }

    public static string Code(this Choice choice) => choice switch
    {
        Choice.Agree => "agree",
        Choice.Oppose => "oppose",
        Choice.Abstain => "abstain",
        Choice.Invalid => "invalid",
        _ => "option",
    };
}

/// <summary>How a ballot reached the count.</summary>
public enum BallotChannel
{
    Online = 0,
    Paper = 1,
    Assisted = 2,
    Proxy = 3,
    Import = 4,
}
