namespace Portal.Features.Admin;

/// <summary>Strings of the platform admin pages.</summary>
public sealed class AdminText;
