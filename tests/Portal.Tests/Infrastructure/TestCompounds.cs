using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Tests.Infrastructure;

/// <summary>A compound made directly in the database for a test, with its flats by label ("1-2-301").</summary>
public sealed class TestCompound
{
    public required Compound Compound { get; init; }
    public required IReadOnlyList<Building> Buildings { get; init; }
    public required IReadOnlyList<Entrance> Entrances { get; init; }
    public required IReadOnlyList<Flat> Flats { get; init; }
    public required IReadOnlyDictionary<long, OwnerOfRecord> Owners { get; init; }

    public long Id => Compound.Id;
    public string Code => Compound.Code;

    /// <summary>The flat at building-entrance-room, e.g. "1-2-301".</summary>
    public Flat Flat(string label)
    {
        var parts = label.Split('-');
        var building = Buildings.Single(b => b.Name == parts[0]);
        var entrance = Entrances.Single(e => e.BuildingId == building.Id && e.Name == parts[1]);
        return Flats.Single(f => f.EntranceId == entrance.Id && f.Room == parts[2]);
    }

    public Building Building(string name) => Buildings.Single(b => b.Name == name);
    public Entrance Entrance(string building, string entrance) =>
        Entrances.Single(e => e.BuildingId == Building(building).Id && e.Name == entrance);
}

public static class TestCompounds
{
    /// <summary>
    /// Makes a compound of <paramref name="buildings"/> × <paramref name="entrances"/> × <paramref name="floors"/> ×
    /// <paramref name="flatsPerFloor"/> flats named "1-1-101"…, each with its own owner of record (key "O-1-1-101")
    /// and area <paramref name="areaCents"/>(index) hundredths of m² (default 50.00 m²).
    /// </summary>
    public static Task<TestCompound> CreateCompoundAsync(this PortalFactory factory, string code, int buildings = 2, int entrances = 2,
        int floors = 3, int flatsPerFloor = 2, Func<int, long>? areaCents = null, string city = "唐山市", string district = "路北区") =>
        factory.WithDb(async db =>
        {
            var compound = new Compound(code, $"测试小区{code}", city, district, $"{district}测试路1号", 1990, 2021);
            db.Add(compound);
            await db.SaveChangesAsync();
            var bs = new List<Building>();
            var es = new List<Entrance>();
            var flats = new List<Flat>();
            var owners = new Dictionary<long, OwnerOfRecord>();
            var index = 0;
            for (var b = 1; b <= buildings; b++)
            {
                var building = new Building(compound.Id, b.ToString());
                db.Add(building);
                await db.SaveChangesAsync();
                bs.Add(building);
                for (var e = 1; e <= entrances; e++)
                {
                    var entrance = new Entrance(compound.Id, building.Id, e.ToString());
                    db.Add(entrance);
                    await db.SaveChangesAsync();
                    es.Add(entrance);
                    for (var floor = 1; floor <= floors; floor++)
                    for (var unit = 1; unit <= flatsPerFloor; unit++)
                    {
                        var room = $"{floor}{unit:D2}";
                        var owner = new OwnerOfRecord(compound.Id, $"O-{b}-{e}-{room}", $"业主{b}-{e}-{room}", $"1380000{index:D4}");
                        db.Add(owner);
                        await db.SaveChangesAsync();
                        owners[owner.Id] = owner;
                        var flat = new Flat(compound.Id, building.Id, entrance.Id, room, floor, areaCents?.Invoke(index) ?? 5_000, AreaSource.Registered, owner.Id);
                        db.Add(flat);
                        flats.Add(flat);
                        index++;
                    }
                }
            }
            await db.SaveChangesAsync();
            return new TestCompound { Compound = compound, Buildings = bs, Entrances = es, Flats = flats, Owners = owners };
        });

    /// <summary>Moves <paramref name="flat"/> to the owner of record of <paramref name="sameOwnerAs"/> (one owner, several flats).</summary>
    public static Task GiveToSameOwnerAsync(this PortalFactory factory, Flat flat, Flat sameOwnerAs) =>
        factory.WithDb(async db =>
        {
            var tracked = await db.Set<Flat>().FindAsync(flat.Id);
            tracked!.Amend(tracked.Floor, tracked.ExclusiveAreaCents, tracked.AreaSource, sameOwnerAs.OwnerOfRecordId);
            await db.SaveChangesAsync();
        });

    public static Task LinkAsync(this PortalFactory factory, string userId, TestCompound compound, Flat flat, ResidentRelation relation = ResidentRelation.Owner) =>
        factory.WithDb(async db =>
        {
            db.Add(new ResidentLink(userId, compound.Id, flat.Id, relation, DateTimeOffset.UtcNow, "test"));
            await db.SaveChangesAsync();
        });

    public static Task GrantAsync(this PortalFactory factory, string userId, TestCompound compound, CompoundRoleKind kind, long? buildingId = null, long? entranceId = null) =>
        factory.WithDb(async db =>
        {
            db.Add(new CompoundRole(userId, compound.Id, kind, buildingId, entranceId, DateTimeOffset.UtcNow, "test"));
            await db.SaveChangesAsync();
        });

    public static Task MakeCityOfficerAsync(this PortalFactory factory, string userId, string city, string? district = null) =>
        factory.WithDb(async db =>
        {
            db.Add(new CityOfficerScope(userId, city, district));
            await db.SaveChangesAsync();
        });

    /// <summary>A signed-in resident linked to <paramref name="flat"/>.</summary>
    public static async Task<(string UserId, HttpClient Client)> ResidentAsync(this PortalFactory factory, TestCompound compound, Flat flat,
        ResidentRelation relation = ResidentRelation.Owner, string? email = null)
    {
        email ??= $"r-{Guid.NewGuid():N}@example.com";
        var user = await factory.CreateUserAsync(email);
        await factory.LinkAsync(user.Id, compound, flat, relation);
        return (user.Id, await factory.SignedInClientAsync(email));
    }

    /// <summary>A signed-in account holding <paramref name="kind"/> in the compound.</summary>
    public static async Task<(string UserId, HttpClient Client)> RoleHolderAsync(this PortalFactory factory, TestCompound compound, CompoundRoleKind kind,
        long? buildingId = null, long? entranceId = null, string? email = null)
    {
        email ??= $"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = await factory.CreateUserAsync(email);
        await factory.GrantAsync(user.Id, compound, kind, buildingId, entranceId);
        return (user.Id, await factory.SignedInClientAsync(email));
    }
}
