using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Ops;

/// <summary>
/// The demo: 幸福花园小区 in Tangshan (named in ../shared/seed as a provincial model project), with
/// buildings, entrances and flats, and one account per role. Never runs in Production unless asked.
/// </summary>
public static class DemoSeed
{
    public const string CompoundCode = "XFHY";
    public const string Password = "Demo!2026";

    public static readonly (string Email, string Name)[] Accounts =
    [
        ("resident@demo.local", "王秀英"),
        ("tenant@demo.local", "李明"),
        ("committee@demo.local", "张建国"),
        ("treasurer@demo.local", "孙丽华"),
        ("property@demo.local", "幸福物业·刘经理"),
        ("lead@demo.local", "赵桂兰"),
        ("city@demo.local", "唐山市住建局·陈科长"),
        ("admin@demo.local", "平台管理员"),
    ];

    /// <summary>Adds the demo if it is not there yet; returns whether anything was added.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        if (await db.Set<Compound>().AnyAsync(c => c.Code == CompoundCode, ct)) return false;

        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var compound = new Compound(CompoundCode, "幸福花园小区", "唐山市", "路北区", "唐山市路北区幸福道18号", 1994, 2021);
        db.Add(compound);
        await db.SaveChangesAsync(ct);

        // Four six-storey buildings, two entrances each, two flats a floor: 96 flats.
        var developer = new OwnerOfRecord(compound.Id, "DEV", "唐山市城建开发公司（未售房屋）", null);
        db.Add(developer);
        var flats = new List<(Flat Flat, string Building, string Entrance)>();
        var owners = new Dictionary<string, OwnerOfRecord>();
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
        string[] given = ["秀英", "桂兰", "建国", "淑珍", "志强", "玉兰", "国庆", "凤英", "德明", "丽华"];
        var n = 0;
        for (var b = 1; b <= 4; b++)
        {
            var building = new Building(compound.Id, b.ToString());
            db.Add(building);
            await db.SaveChangesAsync(ct);
            for (var e = 1; e <= 2; e++)
            {
                var entrance = new Entrance(compound.Id, building.Id, e.ToString());
                db.Add(entrance);
                await db.SaveChangesAsync(ct);
                for (var floor = 1; floor <= 6; floor++)
                for (var unit = 1; unit <= 2; unit++)
                {
                    n++;
                    var room = $"{floor}0{unit}";
                    OwnerOfRecord owner;
                    if (b == 4 && e == 2 && floor == 6) owner = developer;                 // unsold top floor
                    else if (b == 2 && e == 1 && floor == 3 && unit == 2) owner = owners["O-2-1-301"]; // one owner, two flats
                    else
                    {
                        var key = $"O-{b}-{e}-{room}";
                        owner = new OwnerOfRecord(compound.Id, key, surnames[n % surnames.Length] + given[n % given.Length], $"1390315{n:D4}");
                        owners[key] = owner;
                        db.Add(owner);
                        await db.SaveChangesAsync(ct);
                    }
                    var areaCents = 5_600 + (unit == 1 ? 1_350 : 0) + (b * 125) + (floor % 2 == 0 ? 42 : 0);
                    var flat = new Flat(compound.Id, building.Id, entrance.Id, room, floor, areaCents, AreaSource.Registered, owner.Id);
                    db.Add(flat);
                    flats.Add((flat, b.ToString(), e.ToString()));
                }
            }
        }
        await db.SaveChangesAsync(ct);

        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(PlatformRoles.Admin))
            await roles.CreateAsync(new IdentityRole(PlatformRoles.Admin));

        var accounts = new Dictionary<string, PortalUser>();
        foreach (var (email, name) in Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded)
                    throw new InvalidOperationException("demo account: " + string.Join("; ", result.Errors.Select(x => x.Description)));
            }
            accounts[email] = user;
        }
        await users.AddToRoleAsync(accounts["admin@demo.local"], PlatformRoles.Admin);

        Flat FlatAt(string building, string entrance, string room) =>
            flats.Single(f => f.Building == building && f.Entrance == entrance && f.Flat.Room == room).Flat;

        var entrance11 = FlatAt("1", "1", "101").EntranceId;
        // Maintenance-fund balances (分户账) of building 1 entrance 1, as the fund's statement gives them: ¥1,500 plus ¥100 a floor.
        foreach (var f in flats.Where(f => f.Building == "1" && f.Entrance == "1"))
            db.Add(new FundBalance(compound.Id, f.Flat.Id, 150_000 + f.Flat.Floor * 10_000L, DateOnly.FromDateTime(now.UtcDateTime), "seed", now));
        db.Add(new ResidentLink(accounts["resident@demo.local"].Id, compound.Id, FlatAt("1", "1", "502").Id, ResidentRelation.Owner, now, "seed"));
        db.Add(new ResidentLink(accounts["tenant@demo.local"].Id, compound.Id, FlatAt("1", "1", "401").Id, ResidentRelation.Tenant, now, "seed"));
        db.Add(new ResidentLink(accounts["lead@demo.local"].Id, compound.Id, FlatAt("1", "1", "201").Id, ResidentRelation.Owner, now, "seed"));
        db.Add(new CompoundRole(accounts["committee@demo.local"].Id, compound.Id, CompoundRoleKind.Committee, null, null, now, "seed"));
        // A second committee member, so an expense entered by one can be approved by the other (four eyes).
        db.Add(new CompoundRole(accounts["treasurer@demo.local"].Id, compound.Id, CompoundRoleKind.Committee, null, null, now, "seed"));
        db.Add(new CompoundRole(accounts["property@demo.local"].Id, compound.Id, CompoundRoleKind.PropertyManager, null, null, now, "seed"));
        db.Add(new CompoundRole(accounts["lead@demo.local"].Id, compound.Id, CompoundRoleKind.BuildingLead, FlatAt("1", "1", "101").BuildingId, entrance11, now, "seed"));
        db.Add(new CityOfficerScope(accounts["city@demo.local"].Id, "唐山市", null));
        await db.SaveChangesAsync(ct);

        var firstEntrance = await db.Set<Entrance>().FirstAsync(x => x.Id == entrance11, ct);
        await DemoStory.AddAsync(sp, compound, accounts, firstEntrance, ct);
        return true;
    }
}
