using Portal.Domain.Shared;

namespace Portal.Domain.Register;

/// <summary>A flat (户) with its exclusive area, held by one owner of record.</summary>
public class Flat
{
    private Flat() { }

    public Flat(long compoundId, long buildingId, long entranceId, string room, int floor, long exclusiveAreaCents, AreaSource areaSource, long ownerOfRecordId)
    {
        if (exclusiveAreaCents <= 0)
            throw new DomainException("flat.area_not_positive", "A flat's exclusive area must be positive.");
        CompoundId = compoundId;
        BuildingId = buildingId;
        EntranceId = entranceId;
        Room = room.Trim();
        Floor = floor;
        ExclusiveAreaCents = exclusiveAreaCents;
        AreaSource = areaSource;
        OwnerOfRecordId = ownerOfRecordId;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long BuildingId { get; private set; }
    public long EntranceId { get; private set; }
    public string Room { get; private set; } = "";
    public int Floor { get; private set; }
    /// <summary>Exclusive area (专有部分面积) in hundredths of a square metre.</summary>
    public long ExclusiveAreaCents { get; private set; }
    public AreaSource AreaSource { get; private set; }
    public long OwnerOfRecordId { get; private set; }

    public void Amend(int floor, long exclusiveAreaCents, AreaSource areaSource, long ownerOfRecordId)
    {
        if (exclusiveAreaCents <= 0)
            throw new DomainException("flat.area_not_positive", "A flat's exclusive area must be positive.");
        Floor = floor;
        ExclusiveAreaCents = exclusiveAreaCents;
        AreaSource = areaSource;
        OwnerOfRecordId = ownerOfRecordId;
    }
}
