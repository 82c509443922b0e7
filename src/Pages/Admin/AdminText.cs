namespace Portal.Pages.Admin;

/// <summary>Strings of the platform admin pages.</summary>
public sealed class AdminText;
