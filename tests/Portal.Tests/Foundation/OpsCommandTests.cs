using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

/// <summary>The ops command line, run as a real process against its own SQLite file.</summary>
public sealed class OpsCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-ops", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _env;

    public OpsCommandTests()
    {
        Directory.CreateDirectory(_folder);
        _env = new() { ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(_folder, "portal.db")}" };
    }

    private Task<PortalProcess.Result> Run(params string[] args) => PortalProcess.RunAsync(_folder, _env, args);

    private static void NoStackTrace(PortalProcess.Result r)
    {
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_zero()
    {
        var r = await Run("help");
        Assert.Equal(0, r.ExitCode);
        foreach (var name in new[] { "migrate", "seed-demo", "create-admin", "proxy" })
            Assert.Contains(name, r.Stdout);
    }

    [Fact]
    public async Task Unknown_command_prints_one_line_and_usage_and_exits_two()
    {
        var r = await Run("frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: unknown command 'frobnicate'", r.Stderr);
        Assert.Contains("usage:", r.Stderr);
        NoStackTrace(r);
    }

    [Theory]
    [InlineData(new[] { "create-admin", "--email", "a@example.com" }, "--password is required")]
    [InlineData(new[] { "create-admin", "--email", "not-an-email", "--password", "Secret-2026" }, "is not an email address")]
    [InlineData(new[] { "create-admin", "--email", "a@example.com", "--password", "Secret-2026", "--colour", "red" }, "unknown option --colour")]
    [InlineData(new[] { "migrate", "extra" }, "unexpected argument 'extra'")]
    public async Task Bad_arguments_print_one_line_and_usage_and_exit_two(string[] args, string message)
    {
        var r = await Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr.Split('\n')[0]);
        Assert.Contains("usage:", r.Stderr);
        NoStackTrace(r);
    }

    [Fact]
    public async Task Migrate_then_create_admin_makes_an_account_that_can_log_in_as_admin()
    {
        var migrate = await Run("migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("database is up to date", migrate.Stdout);

        var weak = await Run("create-admin", "--email", "ops@example.com", "--password", "short");
        Assert.Equal(1, weak.ExitCode);
        NoStackTrace(weak);

        var created = await Run("create-admin", "--email", "ops@example.com", "--password", "Ops-pass-2026");
        Assert.Equal(0, created.ExitCode);

        await using var factory = new PortalFactory().With("ConnectionStrings:Portal", _env["ConnectionStrings__Portal"]);
        var isAdmin = await factory.Scoped(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.IsInRoleAsync((await users.FindByEmailAsync("ops@example.com"))!, PlatformRoles.Admin);
        });
        Assert.True(isAdmin);
        var client = await factory.SignedInClientAsync("ops@example.com", "Ops-pass-2026");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/admin/outbox")).StatusCode);
    }

    [Fact]
    public async Task Seed_demo_adds_the_demo_once()
    {
        var first = await Run("seed-demo");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("demo data added", first.Stdout);
        var second = await Run("seed-demo");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already present", second.Stdout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
