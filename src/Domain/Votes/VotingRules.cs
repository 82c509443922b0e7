using System.Reflection;
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

/// <summary>
/// How one matter is decided: a quorum and an approval test, both on area and headcount. A rule is one class marked
/// <see cref="VotingRuleAttribute"/> (its code and stored number) with the texts <c>Rule_Name</c> and
/// <c>RuleHelp_Name</c> in VotesText.resx and VotesText.en.resx; <see cref="VoteRuleKind.All"/> finds it.
/// </summary>
public interface IVotingRule
{
    bool QuorumMet(Weight eligible, Weight participated);
    bool Approved(Weight participated, Weight agree);

    /// <summary>The quorum line the live chart draws (share of all area); null when the rule has no quorum.</summary>
    Fraction? QuorumLine { get; }
    /// <summary>The approval line the live chart draws (share of participating area, or headcount for a headcount-only rule).</summary>
    Fraction ApprovalLine { get; }

    VoteRuleKind Kind => VoteRuleKind.Of(GetType());
}

/// <summary>A rule whose lines the committee sets for the matter; it is built from <see cref="RuleLines"/>, stored with the matter.</summary>
public interface ICommitteeSetRule : IVotingRule
{
    RuleLines Lines { get; }
}

/// <summary>The four lines of a committee-set rule: quorum and approval, each on area and on headcount.</summary>
public sealed record RuleLines(Fraction QuorumArea, Fraction QuorumOwners, Fraction ApprovalArea, Fraction ApprovalOwners);

public static class VotingRuleExtensions
{
    /// <summary>With no participants nothing passes, whatever the rule's lines say.</summary>
    public static bool Passes(this IVotingRule rule, Weight eligible, Weight participated, Weight agree) =>
        participated.Owners > 0 && rule.QuorumMet(eligible, participated) && rule.Approved(participated, agree);
}

/// <summary>Marks a voting rule with the code forms, `create-vote --rule`, the tally JSON and the audit log use, and the number a matter stores.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class VotingRuleAttribute(int storedAs, string code) : Attribute
{
    /// <summary>What Matter.Rule holds for this rule: never change or reuse a number.</summary>
    public int StoredAs { get; } = storedAs;
    public string Code { get; } = code;
}

/// <summary>
/// One kind of voting rule: a concrete <see cref="IVotingRule"/> class. The list is found by reflection, so adding a
/// rule touches only its class and its texts. Its name (the class name without a trailing "Rule") names the texts.
/// </summary>
public sealed class VoteRuleKind
{
    private VoteRuleKind(Type type, VotingRuleAttribute marker)
    {
        Type = type;
        StoredAs = marker.StoredAs;
        Code = marker.Code;
        Name = type.Name.EndsWith("Rule", StringComparison.Ordinal) && type.Name.Length > 4 ? type.Name[..^4] : type.Name;
    }

    public Type Type { get; }
    public int StoredAs { get; }
    public string Code { get; }
    public string Name { get; }
    public string TextKey => "Rule_" + Name;
    public string HelpKey => "RuleHelp_" + Name;
    /// <summary>The committee sets this rule's lines when it creates the vote.</summary>
    public bool TakesLines => typeof(ICommitteeSetRule).IsAssignableFrom(Type);

    /// <summary>Every rule in this assembly, in the order of their stored numbers.</summary>
    public static IReadOnlyList<VoteRuleKind> All { get; } = Discover();

    public static VoteRuleKind Of(Type ruleType) =>
        All.FirstOrDefault(k => k.Type == ruleType)
        ?? throw new InvalidOperationException($"{ruleType.Name} implements IVotingRule but has no [VotingRule] (or is not in this assembly).");

    public static VoteRuleKind Of<TRule>() where TRule : IVotingRule => Of(typeof(TRule));

    public static VoteRuleKind Stored(int storedAs) =>
        All.FirstOrDefault(k => k.StoredAs == storedAs)
        ?? throw new InvalidOperationException($"No voting rule is stored as {storedAs}.");

    /// <summary>Reads a rule's code, case and surrounding spaces ignored.</summary>
    public static bool TryParse(string? code, out VoteRuleKind kind)
    {
        var found = All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        kind = found!;
        return found is not null;
    }

    /// <summary>A rule of this kind; a committee-set rule needs its lines.</summary>
    public IVotingRule Create(RuleLines? lines = null)
    {
        if (!TakesLines) return (IVotingRule)Activator.CreateInstance(Type)!;
        if (lines is null)
            throw new DomainException("matter.custom_lines_required", "A custom rule needs its quorum and approval lines.");
        return (IVotingRule)Activator.CreateInstance(Type, lines)!;
    }

    public override string ToString() => Code;

    private static List<VoteRuleKind> Discover()
    {
        var kinds = typeof(IVotingRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVotingRule).IsAssignableFrom(t))
            .Select(t => new VoteRuleKind(t, t.GetCustomAttribute<VotingRuleAttribute>()
                ?? throw new InvalidOperationException($"Voting rule {t.Name} needs [VotingRule(number, code)].")))
            .OrderBy(k => k.StoredAs)
            .ToList();
        var clash = kinds.GroupBy(k => (object)k.StoredAs).Concat(kinds.GroupBy(k => (object)k.Code)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"Voting rules {string.Join(", ", clash.Select(k => k.Type.Name))} share {clash.Key}.");
        return kinds;
    }
}

/// <summary>Art. 278 quorum (2/3 of area and of headcount, 以上) with an approval line on both measures.</summary>
public abstract class CivilCodeRule(Fraction approval) : IVotingRule
{
    public Fraction Approval { get; } = approval;
    public Fraction? QuorumLine => Fraction.AtLeastTwoThirds;
    public Fraction ApprovalLine => Approval;

    public bool QuorumMet(Weight eligible, Weight participated) =>
        eligible.Owners > 0 &&
        Fraction.AtLeastTwoThirds.IsMetBy(participated.AreaCents, eligible.AreaCents) &&
        Fraction.AtLeastTwoThirds.IsMetBy(participated.Owners, eligible.Owners);

    public bool Approved(Weight participated, Weight agree) =>
        participated.Owners > 0 &&
        Approval.IsMetBy(agree.AreaCents, participated.AreaCents) &&
        Approval.IsMetBy(agree.Owners, participated.Owners);
}
