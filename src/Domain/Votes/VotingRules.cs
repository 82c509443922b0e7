using Portal.Domain.Shared;

namespace Portal.Domain.Votes;

/// <summary>Headcount (distinct owners of record) and exclusive area (hundredths of m²) of a group of owners.</summary>
public readonly record struct Weight(long Owners, long AreaCents)
{
    public static readonly Weight Zero = new(0, 0);
    public static Weight operator +(Weight a, Weight b) => new(a.Owners + b.Owners, a.AreaCents + b.AreaCents);
}

/// <summary>
/// A share line such as "at least 2/3" (以上, inclusive) or "more than 1/2" (过半数, exclusive), compared in exact
/// integer arithmetic: part/whole ≥ n/d is d·part ≥ n·whole.
/// </summary>
public sealed record Fraction(int Numerator, int Denominator, bool Inclusive)
{
    public static readonly Fraction AtLeastTwoThirds = new(2, 3, true);
    public static readonly Fraction AtLeastThreeQuarters = new(3, 4, true);
    public static readonly Fraction MoreThanHalf = new(1, 2, false);

    public static Fraction Create(int numerator, int denominator, bool inclusive)
    {
        if (denominator <= 0 || numerator < 0 || numerator > denominator)
            throw new DomainException("vote.fraction_invalid", "A share must be between 0 and 1 with a positive denominator.");
        return new Fraction(numerator, denominator, inclusive);
    }

    public bool IsMetBy(long part, long whole)
    {
        var left = (Int128)Denominator * part;
        var right = (Int128)Numerator * whole;
        return Inclusive ? left >= right : left > right;
    }

    public override string ToString() => $"{(Inclusive ? "≥" : ">")}{Numerator}/{Denominator}";
}

/// <summary>The counted ballots of one matter (agree/oppose/abstain, or the leading option's agree).</summary>
public sealed record MatterCount(Weight Eligible, Weight Agree, Weight Oppose, Weight Abstain)
{
    public Weight Participated => Agree + Oppose + Abstain;
}

/// <summary>How one matter is decided: a quorum and an approval test, both on area and headcount.</summary>
public interface IVotingRule
{
    VoteRuleKind Kind { get; }
    bool QuorumMet(Weight eligible, Weight participated);
    bool Approved(Weight participated, Weight agree);
}

public static class VotingRuleExtensions
{
    /// <summary>With no participants nothing passes, whatever the rule's lines say.</summary>
    public static bool Passes(this IVotingRule rule, Weight eligible, Weight participated, Weight agree) =>
        participated.Owners > 0 && rule.QuorumMet(eligible, participated) && rule.Approved(participated, agree);
}

/// <summary>Art. 278 quorum (2/3 of area and of headcount, 以上) with an approval line on both measures.</summary>
public abstract class CivilCodeRule(Fraction approval) : IVotingRule
{
    public abstract VoteRuleKind Kind { get; }
    public Fraction Approval { get; } = approval;

    public bool QuorumMet(Weight eligible, Weight participated) =>
        eligible.Owners > 0 &&
        Fraction.AtLeastTwoThirds.IsMetBy(participated.AreaCents, eligible.AreaCents) &&
        Fraction.AtLeastTwoThirds.IsMetBy(participated.Owners, eligible.Owners);

    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 &&
        Approval.IsMetBy(agree.AreaCents, participated.AreaCents) &&
        Approval.IsMetBy(agree.Owners, participated.Owners);
}

/// <summary>Art. 278 items (6)–(8): at least 3/4 of participating area and headcount (3/4 itself passes).</summary>
public sealed class CivilCodeMajor() : CivilCodeRule(Fraction.AtLeastThreeQuarters)
{
    public override VoteRuleKind Kind => VoteRuleKind.CivilCodeMajor;
}

/// <summary>Every other joint matter: more than half of participating area and headcount (exactly half fails).</summary>
public sealed class CivilCodeOrdinary() : CivilCodeRule(Fraction.MoreThanHalf)
{
    public override VoteRuleKind Kind => VoteRuleKind.CivilCodeOrdinary;
}

/// <summary>Advisory poll: no quorum, passes with more than half of participating headcount.</summary>
public sealed class SimpleMajority : IVotingRule
{
    public VoteRuleKind Kind => VoteRuleKind.SimpleMajority;
    public bool QuorumMet(Weight eligible, Weight participated) => true;
    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 && Fraction.MoreThanHalf.IsMetBy(agree.Owners, participated.Owners);
}

/// <summary>Lines set by the committee for area and headcount, each inclusive or exclusive.</summary>
public sealed class CustomRule(Fraction quorumArea, Fraction quorumOwners, Fraction approvalArea, Fraction approvalOwners) : IVotingRule
{
    public VoteRuleKind Kind => VoteRuleKind.Custom;
    public Fraction QuorumArea { get; } = quorumArea;
    public Fraction QuorumOwners { get; } = quorumOwners;
    public Fraction ApprovalArea { get; } = approvalArea;
    public Fraction ApprovalOwners { get; } = approvalOwners;

    public bool QuorumMet(Weight eligible, Weight participated) =>
        eligible.Owners > 0 &&
        QuorumArea.IsMetBy(participated.AreaCents, eligible.AreaCents) &&
        QuorumOwners.IsMetBy(participated.Owners, eligible.Owners);

    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 &&
        ApprovalArea.IsMetBy(agree.AreaCents, participated.AreaCents) &&
        ApprovalOwners.IsMetBy(agree.Owners, participated.Owners);
}

public enum VoteRuleKind
{
    CivilCodeOrdinary = 0,
    CivilCodeMajor = 1,
    SimpleMajority = 2,
    Custom = 3,
}

public static class VoteRuleCodes
{
    public static string Code(this VoteRuleKind kind) => kind switch
    {
        VoteRuleKind.CivilCodeOrdinary => "civil-code-ordinary",
        VoteRuleKind.CivilCodeMajor => "civil-code-major",
        VoteRuleKind.SimpleMajority => "simple-majority",
        _ => "custom",
    };

    public static bool TryParse(string? code, out VoteRuleKind kind)
    {
        kind = VoteRuleKind.CivilCodeOrdinary;
        switch (code?.Trim().ToLowerInvariant())
        {
            case "civil-code-ordinary": kind = VoteRuleKind.CivilCodeOrdinary; return true;
            case "civil-code-major": kind = VoteRuleKind.CivilCodeMajor; return true;
            case "simple-majority": kind = VoteRuleKind.SimpleMajority; return true;
            case "custom": kind = VoteRuleKind.Custom; return true;
            default: return false;
        }
    }
}
