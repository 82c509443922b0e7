namespace Portal.Domain.Votes;

/// <summary>Art. 278 items (6)–(8): at least 3/4 of participating area and headcount (3/4 itself passes).</summary>
[VotingRule(1, "civil-code-major")]
public sealed class CivilCodeMajor() : CivilCodeRule(Fraction.AtLeastThreeQuarters);
