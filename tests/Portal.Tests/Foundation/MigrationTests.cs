using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public void Both_migration_sets_match_the_model()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations lag the model: run src/Data/Migrations/add-migration.sh");
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL migrations lag the model: run src/Data/Migrations/add-migration.sh");
        Assert.Equal(
            sqlite.Database.GetMigrations().Select(m => m[15..]),
            postgres.Database.GetMigrations().Select(m => m[15..]));
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_file()
    {
        await using var factory = new PortalFactory();
        var applied = await factory.WithDb(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        var all = await factory.WithDb(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(all, applied);
        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Fact]
    public async Task Postgres_migrations_apply_and_register_and_login_work_on_the_real_server()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new PortalFactory().OnPostgres(database.ConnectionString);
        var applied = await factory.WithDb(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.NotEmpty(applied);
        Assert.True(await factory.WithDb(db => Task.FromResult(db.Database.IsNpgsql())));

        var client = factory.NewClient();
        var email = $"pg-{Guid.NewGuid():N}@example.com";
        var registered = await client.SubmitFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "陈", ["Input.Password"] = "Postgres-2026", ["Input.ConfirmPassword"] = "Postgres-2026", ["Input.PrivacyConsent"] = "true",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, registered.StatusCode);
        await client.GetAsync(await factory.LinkInLatestAsync(email, "account.confirm"));
        var confirmed = await factory.Scoped(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.EmailConfirmed);
        Assert.True(confirmed);
        var login = await client.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Postgres-2026" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
        Assert.Equal("Healthy", await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync());
    }
}
