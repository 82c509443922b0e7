using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>Small helpers the vote pages share: percentages and labels.</summary>
public static class VotePages
{
    /// <summary>part/whole as a percentage with one decimal, for display only (the decision uses integers).</summary>
    public static string Percent(long part, long whole) =>
        whole == 0 ? "0.0%" : (Math.Round(part * 1000m / whole, MidpointRounding.AwayFromZero) / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public static decimal PercentValue(long part, long whole) =>
        whole == 0 ? 0m : Math.Round(part * 1000m / whole, MidpointRounding.AwayFromZero) / 10m;

    public static string PrecedenceRuleKey(ChannelPrecedence precedence) =>
        precedence == ChannelPrecedence.LatestWins ? "Votes_PrecedenceRule_latest-wins" : "Votes_PrecedenceRule_online-prevails";

    public static string StatusKey(VoteStatus status) => "Status_" + status;
    public static string ChoiceKey(Choice choice) => "Choice_" + choice;
    public static string ChannelKey(BallotChannel channel) => "Channel_" + channel;
}
