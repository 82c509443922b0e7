namespace Portal.Features.Votes;

/// <summary>Strings of the votes pages (VotesText.resx zh-CN, VotesText.en.resx English).</summary>
public sealed class VotesText;
