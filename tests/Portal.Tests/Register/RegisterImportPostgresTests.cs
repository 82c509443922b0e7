using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;
using Portal.Pages.Register;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

/// <summary>The batched import writes its own INSERTs: they must work on PostgreSQL as on SQLite.</summary>
public sealed class RegisterImportPostgresTests
{
    [Fact]
    public async Task Import_and_re_import_with_a_confirmed_removal_work_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new PortalFactory().OnPostgres(database.ConnectionString);
        var compound = await factory.WithDb(async db =>
        {
            var c = new Compound("PG", "PG小区", "唐山市", "路北区", "", null, null);
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var header = "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n";
        var rows = string.Concat(Enumerable.Range(1, 1200).Select(i => $"{i % 7 + 1},{i % 2 + 1},{i % 6 + 1},{i},{50 + i % 30}.25,K{i / 2},业主{i / 2},{(i % 3 == 0 ? "" : "139" + i)}\n"));
        async Task<bool> Import(string csv, bool confirm) => await factory.Scoped(async sp =>
        {
            var importer = sp.GetRequiredService<RegisterImporter>();
            var file = RegisterParser.Parse(Encoding.UTF8.GetBytes(header + csv));
            Assert.True(file.IsValid, string.Join("; ", file.Errors));
            return await importer.ApplyAsync(compound, await importer.PlanAsync(compound, file, default), "test", "pg.csv", confirm, default);
        });

        Assert.True(await Import(rows, false));
        var user = await factory.CreateUserAsync("pg-resident@example.com");
        await factory.WithDb(async db =>
        {
            Assert.Equal(1200, await db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id));
            Assert.Equal(601, await db.Set<OwnerOfRecord>().CountAsync(o => o.CompoundId == compound.Id));
            var flat = await db.Set<Flat>().SingleAsync(f => f.Room == "1200");
            db.Add(new ResidentLink(user.Id, compound.Id, flat.Id, ResidentRelation.Owner, DateTimeOffset.UtcNow, "test"));
            await db.SaveChangesAsync();
        });

        var fewer = string.Concat(rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(1000).Select(r => r + "\n"));
        Assert.False(await Import(fewer, false));
        Assert.True(await Import(fewer, true));
        await factory.WithDb(async db =>
        {
            Assert.Equal(1000, await db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id));
            Assert.Equal(501, await db.Set<OwnerOfRecord>().CountAsync(o => o.CompoundId == compound.Id));
            Assert.False(await db.Set<ResidentLink>().AnyAsync(l => l.UserId == user.Id));
        });
    }
}
