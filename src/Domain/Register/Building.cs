namespace Portal.Domain.Register;

/// <summary>A building (楼栋) of a compound, named as on the register, e.g. "3".</summary>
public class Building
{
    private Building() { }

    public Building(long compoundId, string name)
    {
        CompoundId = compoundId;
        Name = name.Trim();
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public string Name { get; private set; } = "";
}
