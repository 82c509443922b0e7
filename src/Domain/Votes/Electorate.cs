namespace Portal.Domain.Votes;

/// <summary>An owner of record in a vote's frozen electorate, with the area of their flats in scope.</summary>
public class ElectorateMember
{
    private ElectorateMember() { }

    public ElectorateMember(long voteId, long ownerOfRecordId, long areaCents)
    {
        VoteId = voteId;
        OwnerOfRecordId = ownerOfRecordId;
        AreaCents = areaCents;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public long AreaCents { get; private set; }
}

/// <summary>A flat in scope as it stood when the vote opened (or at the last logged correction).</summary>
public class ElectorateFlat
{
    private ElectorateFlat() { }

    public ElectorateFlat(long voteId, long flatId, long ownerOfRecordId, long buildingId, long entranceId, long areaCents)
    {
        VoteId = voteId;
        FlatId = flatId;
        OwnerOfRecordId = ownerOfRecordId;
        BuildingId = buildingId;
        EntranceId = entranceId;
        AreaCents = areaCents;
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public long FlatId { get; private set; }
    public long OwnerOfRecordId { get; private set; }
    public long BuildingId { get; private set; }
    public long EntranceId { get; private set; }
    public long AreaCents { get; private set; }
}

/// <summary>One flat of the register, as the electorate is built from it.</summary>
public sealed record RegisterFlat(long FlatId, long OwnerOfRecordId, long BuildingId, long EntranceId, long AreaCents);

public static class Electorate
{
    /// <summary>Headcount is distinct owners of record; each owner's area is the sum of their flats in scope.</summary>
    public static IReadOnlyList<(long OwnerOfRecordId, long AreaCents)> Members(IEnumerable<RegisterFlat> flatsInScope) =>
        flatsInScope.GroupBy(f => f.OwnerOfRecordId)
            .Select(g => (g.Key, g.Sum(f => f.AreaCents)))
            .OrderBy(m => m.Key)
            .ToList();
}
