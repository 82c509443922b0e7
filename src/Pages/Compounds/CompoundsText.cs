namespace Portal.Pages.Compounds;

/// <summary>Strings of the compound pages (home, register, verification, roles).</summary>
public sealed class CompoundsText;
