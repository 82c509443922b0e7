using Portal.Domain.Register;

namespace Portal.Features.Shared;

/// <summary>How a flat is written on letters, lists and import files: building-entrance-room, e.g. 3-2-501 (see <see cref="FlatKey"/>).</summary>
public static class FlatLabel
{
    public static string Of(string building, string entrance, string room) => new FlatKey(building, entrance, room).ToString();
}
