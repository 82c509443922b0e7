namespace Portal.Domain.Register;

/// <summary>An entrance (单元/楼门) of a building; elevator retrofits are decided per entrance.</summary>
public class Entrance
{
    private Entrance() { }

    public Entrance(long compoundId, long buildingId, string name)
    {
        CompoundId = compoundId;
        BuildingId = buildingId;
        Name = name.Trim();
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long BuildingId { get; private set; }
    public string Name { get; private set; } = "";
}
