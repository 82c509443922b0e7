using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Portal.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/portal.db";

    public static DatabaseProvider Provider(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string ConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var cs = config.GetConnectionString("Portal");
        if (Provider(config) == DatabaseProvider.Postgres)
            return string.IsNullOrWhiteSpace(cs)
                ? throw new InvalidOperationException("ConnectionStrings:Portal must be set when Database:Provider is Postgres.")
                : Tuned(WithPoolSize(cs, config.GetValue<int?>("Database:MaxPoolSize")));
        return SqliteWithAbsolutePath(string.IsNullOrWhiteSpace(cs) ? DefaultSqlite : cs, env.ContentRootPath);
    }

    /// <summary>
    /// `Database:MaxPoolSize` caps this node's connections (Npgsql's default is 100). Across all nodes, web and
    /// worker, the sum of the pools (plus Hangfire's, if it has its own string) must stay below max_connections.
    /// </summary>
    public static string WithPoolSize(string connectionString, int? maxPoolSize)
    {
        if (maxPoolSize is not { } size) return connectionString;
        if (size < 1) throw new InvalidOperationException("Database:MaxPoolSize must be at least 1.");
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString;
    }

    /// <summary>
    /// Npgsql defaults tuned for many short requests, each kept unless the connection string sets it: prepared
    /// statements for the queries every request repeats (`Max Auto Prepare`), and no `DISCARD ALL` each time a
    /// connection goes back to the pool (`No Reset On Close`), which would also throw those statements away. The portal
    /// keeps no session state on a pooled connection: its advisory locks are transaction-scoped, and the start-up lock
    /// uses a connection of its own outside the pool.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows; a plain one says what was written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare")) b.MaxAutoPrepare = 64;
        if (!given.ContainsKey("Auto Prepare Min Usages")) b.AutoPrepareMinUsages = 2;
        if (!given.ContainsKey("No Reset On Close")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    public static string SqliteWithAbsolutePath(string connectionString, string root)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(b.DataSource) || b.DataSource == ":memory:") return b.ToString();
        var path = Path.IsPathRooted(b.DataSource) ? b.DataSource : Path.GetFullPath(Path.Combine(root, b.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        b.DataSource = path;
        // Several writers (web requests, Hangfire workers) share the file: wait rather than fail on a lock.
        if (b.DefaultTimeout < 30) b.DefaultTimeout = 30;
        return b.ToString();
    }

    /// <summary>
    /// The context is pooled: a request leases one whose internal services (change tracker, state manager, query
    /// context) were built before, instead of building them again, which costs about as much as a short query. EF resets
    /// a leased context's tracking, transaction and events; <see cref="PortalDb"/> drops its own after-commit work.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var cs = ConnectionString(config, env);
        if (Provider(config) == DatabaseProvider.Postgres)
            services.AddDbContextPool<PortalDb, PostgresPortalDb>((sp, o) => o.UseNpgsql(cs).AddInterceptors(Interceptors(sp)));
        else
            services.AddDbContextPool<PortalDb, SqlitePortalDb>((sp, o) => o.UseSqlite(cs, s => s.CommandTimeout(60)).AddInterceptors(Interceptors(sp)));
        return services;
    }

    /// <summary>The after-commit hook, and any interceptor registered as a service (a test's statement counter).</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors(IServiceProvider sp) =>
        [AfterCommitInterceptor.Instance, .. sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()];

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a writer commits.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>Design-time factories so `dotnet ef` can build each provider's migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDb>
{
    public SqlitePortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePortalDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDb>
{
    public PostgresPortalDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
