namespace Portal.Features.Home;

/// <summary>Strings of the compound home's to-do list (待办).</summary>
public sealed class HomeText;
