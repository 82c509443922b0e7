using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Portal.Data;

namespace Portal.Jobs;

public static class JobSetup
{
    /// <summary>
    /// Hangfire storage follows the database: SQLite file beside the portal's, PostgreSQL with Postgres.
    /// `Hangfire:Storage = InMemory` (tests) keeps jobs in memory.
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration config, IHostEnvironment env, bool runServer)
    {
        var storage = config["Hangfire:Storage"];
        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
             .UseSimpleAssemblyNameTypeSerializer()
             .UseRecommendedSerializerSettings();
            if (string.Equals(storage, "InMemory", StringComparison.OrdinalIgnoreCase))
                h.UseInMemoryStorage();
            else if (DatabaseSetup.Provider(config) == DatabaseProvider.Postgres)
                h.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(DatabaseSetup.ConnectionString(config, env)),
                    new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), PrepareSchemaIfNecessary = true });
            else
                h.UseSQLiteStorage(SqliteJobFile(config, env), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
        });
        if (runServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, config.GetValue("Hangfire:WorkerCount", 4));
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        return services;
    }

    private static string SqliteJobFile(IConfiguration config, IHostEnvironment env)
    {
        var configured = config["Hangfire:SqlitePath"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Beside the portal's own database file.
            var portal = new SqliteConnectionStringBuilder(DatabaseSetup.ConnectionString(config, env)).DataSource;
            configured = Path.Combine(Path.GetDirectoryName(portal) ?? env.ContentRootPath, "hangfire.db");
        }
        var path = Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(env.ContentRootPath, configured));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
