namespace Portal.Features.City;

/// <summary>Strings of the city dashboard.</summary>
public sealed class CityText;
