using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;
using Portal.Pages.Register;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

public sealed class RegisterImportTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;
    private const string Header = "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n";

    private static RegisterFile Csv(string body) => RegisterParser.Parse(new UTF8Encoding(false).GetBytes(Header + body));

    private Task<Compound> NewCompoundAsync() => _factory.WithDb(async db =>
    {
        var c = new Compound("IMP" + Guid.NewGuid().ToString("N")[..6], "导入小区", "唐山市", "路北区", "", null, null);
        db.Add(c);
        await db.SaveChangesAsync();
        return c;
    });

    private Task<(RegisterPlan Plan, bool Applied)> ImportAsync(Compound compound, RegisterFile file, bool confirm = false) =>
        _factory.Scoped(async sp =>
        {
            var importer = sp.GetRequiredService<RegisterImporter>();
            var plan = await importer.PlanAsync(compound, file, default);
            return (plan, await importer.ApplyAsync(compound, plan, "test", "test.csv", confirm, default));
        });

    [Fact]
    public async Task A_first_import_builds_the_register_with_shared_owners()
    {
        var compound = await NewCompoundAsync();
        var (plan, applied) = await ImportAsync(compound, Csv("1,1,1,101,72.50,O1,王秀英,139\n1,1,1,102,60.25,O1,王秀英,\n1,2,1,101,50,DEV,开发公司,\n2,1,1,101,45.5,O3,李明,\n"));
        Assert.True(applied);
        Assert.Equal(4, plan.AddedFlats.Count);
        await _factory.WithDb(async db =>
        {
            Assert.Equal(2, await db.Set<Building>().CountAsync(b => b.CompoundId == compound.Id));
            Assert.Equal(3, await db.Set<Entrance>().CountAsync(e => e.CompoundId == compound.Id));
            Assert.Equal(3, await db.Set<OwnerOfRecord>().CountAsync(o => o.CompoundId == compound.Id));
            var flats = await db.Set<Flat>().Where(f => f.CompoundId == compound.Id).ToListAsync();
            Assert.Equal(7_250 + 6_025 + 5_000 + 4_550, flats.Sum(f => f.ExclusiveAreaCents));
            var o1 = await db.Set<OwnerOfRecord>().SingleAsync(o => o.CompoundId == compound.Id && o.OwnerKey == "O1");
            Assert.Equal(2, flats.Count(f => f.OwnerOfRecordId == o1.Id));
            Assert.Equal("139", o1.Phone);
            Assert.Equal(1, await db.Set<RegisterChange>().CountAsync(c => c.CompoundId == compound.Id));
        });
    }

    [Fact]
    public async Task A_re_import_matches_flats_and_shows_added_changed_and_removed()
    {
        var compound = await NewCompoundAsync();
        await ImportAsync(compound, Csv("1,1,1,101,72.50,O1,王秀英,\n1,1,1,102,60.25,O2,李明,\n1,1,2,201,50,O3,张三,\n"));
        var (plan, applied) = await ImportAsync(compound, Csv("1,1,1,101,72.50,O1,王秀英,\n1,1,1,102,61.00,O2,李明,138\n1,1,2,202,50,O4,赵四,\n"));
        Assert.True(applied);
        Assert.Equal(["1-1-202"], plan.AddedFlats.Select(f => f.Key.ToString()));
        Assert.Equal(["1-1-102"], plan.ChangedFlats.Select(f => f.After.Key.ToString()));
        Assert.Equal(["1-1-201"], plan.RemovedFlats.Select(f => f.Key.ToString()));
        Assert.Equal(1, plan.UnchangedFlats);
        Assert.Equal(["O4"], plan.AddedOwners.Select(o => o.OwnerKey));
        Assert.Equal(["O2"], plan.ChangedOwners.Select(o => o.Before.OwnerKey));
        Assert.Equal(["O3"], plan.RemovedOwners.Select(o => o.OwnerKey));
        await _factory.WithDb(async db =>
        {
            var keys = await db.Set<OwnerOfRecord>().Where(o => o.CompoundId == compound.Id).Select(o => o.OwnerKey).OrderBy(k => k).ToListAsync();
            Assert.Equal(["O1", "O2", "O4"], keys);
            Assert.Equal(6_100, (await db.Set<Flat>().SingleAsync(f => f.CompoundId == compound.Id && f.Room == "102")).ExclusiveAreaCents);
        });
    }

    [Fact]
    public async Task Removing_a_flat_with_a_linked_resident_needs_confirmation_and_is_logged()
    {
        var compound = await NewCompoundAsync();
        await ImportAsync(compound, Csv("1,1,1,101,72.50,O1,王秀英,\n1,1,1,102,60.25,O2,李明,\n"));
        var user = await _factory.CreateUserAsync($"moved-{Guid.NewGuid():N}@example.com");
        await _factory.WithDb(async db =>
        {
            var flat = await db.Set<Flat>().SingleAsync(f => f.CompoundId == compound.Id && f.Room == "102");
            db.Add(new ResidentLink(user.Id, compound.Id, flat.Id, ResidentRelation.Owner, DateTimeOffset.UtcNow, "test"));
            await db.SaveChangesAsync();
        });

        var smaller = Csv("1,1,1,101,72.50,O1,王秀英,\n");
        var (plan, applied) = await ImportAsync(compound, smaller);
        Assert.False(applied);
        Assert.True(plan.NeedsConfirmation);
        Assert.Equal(2, await _factory.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id)));

        (_, applied) = await ImportAsync(compound, smaller, confirm: true);
        Assert.True(applied);
        await _factory.WithDb(async db =>
        {
            Assert.Equal(1, await db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id));
            var log = await db.Set<RegisterChange>().Where(c => c.CompoundId == compound.Id).OrderBy(c => c.Id).LastAsync();
            Assert.Equal(1, log.FlatsRemoved);
            Assert.Contains("1-1-102", log.ConfirmedRemovals);
        });
    }
}
