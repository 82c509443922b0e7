namespace Portal.Pages.City;

/// <summary>Strings of the city dashboard.</summary>
public sealed class CityText;
