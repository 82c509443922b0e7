namespace Portal.Features.Register;

/// <summary>Strings of the compound pages (home, register, verification, roles).</summary>
public sealed class RegisterText;
