namespace Portal.Features.Shared;

/// <summary>How a flat is written on letters and lists: 3号楼2单元501.</summary>
public static class FlatLabel
{
    public static string Of(string building, string entrance, string room) => $"{building}-{entrance}-{room}";
}
