namespace Portal.Features.Residents;

/// <summary>Strings of the residents' own pages (claim a flat, ask to be linked).</summary>
public sealed class ResidentsText;
