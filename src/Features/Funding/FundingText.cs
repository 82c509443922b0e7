namespace Portal.Features.Funding;

/// <summary>Strings of the co-funding pages (plans, quotes, campaigns, pledges, ledger).</summary>
public sealed class FundingText;
