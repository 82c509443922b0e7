namespace Portal.Domain.Votes;

/// <summary>Every other joint matter: more than half of participating area and headcount (exactly half fails).</summary>
[VotingRule(0, "civil-code-ordinary")]
public sealed class CivilCodeOrdinary() : CivilCodeRule(Fraction.MoreThanHalf);
