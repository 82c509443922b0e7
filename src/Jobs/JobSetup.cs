using Hangfire;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
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
        // Each host owns its storage instance (registered before AddHangfire, which then keeps it) rather than
        // Hangfire's process-wide JobStorage.Current, so several hosts in one process (tests) never share one.
        // Code enqueues through the injected IBackgroundJobClient / IRecurringJobManager, never the static API.
        var kind = config["Hangfire:Storage"];
        services.AddSingleton<JobStorage>(_ =>
        {
            if (string.Equals(kind, "InMemory", StringComparison.OrdinalIgnoreCase))
                return new InMemoryStorage(new InMemoryStorageOptions());
            var postgres = PostgresOptions(config);
            JobStorage storage = DatabaseSetup.Provider(config) == DatabaseProvider.Postgres
                ? new PostgreSqlStorage(new NpgsqlConnectionFactory(HangfireConnectionString(config, env), postgres), postgres)
                : new SQLiteStorage(SqliteJobFile(config, env), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            JobStorage.Current = storage;
            return storage;
        });
        services.AddHangfire((sp, h) => h
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new ResilientLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        // Jobs run in this host's own DI scopes, not through the process-wide JobActivator.Current
        // (with several hosts in one process, the last one built would otherwise run everyone's jobs).
        services.RemoveAll<JobActivator>();
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        if (runServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, config.GetValue("Hangfire:WorkerCount", 4));
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                o.ShutdownTimeout = TimeSpan.FromSeconds(config.GetValue("Portal:ShutdownTimeoutSeconds", 30));
            });
        return services;
    }

    /// <summary>
    /// A job fetched by a worker that then died is fetched again after the invisibility timeout
    /// (`Hangfire:InvisibilityTimeoutSeconds`, 300 s; Hangfire.PostgreSql's own default is 30 minutes). Jobs are safe
    /// to run twice, so a short timeout only costs a repeat of a long-running job.
    /// </summary>
    private static PostgreSqlStorageOptions PostgresOptions(IConfiguration config) => new()
    {
        QueuePollInterval = TimeSpan.FromSeconds(1),
        InvisibilityTimeout = TimeSpan.FromSeconds(config.GetValue("Hangfire:InvisibilityTimeoutSeconds", 300)),
        PrepareSchemaIfNecessary = true,
    };

    /// <summary>`ConnectionStrings:Hangfire` gives the jobs their own pool (or server); otherwise the portal's database.</summary>
    private static string HangfireConnectionString(IConfiguration config, IHostEnvironment env)
    {
        var own = config.GetConnectionString("Hangfire");
        return string.IsNullOrWhiteSpace(own) ? DatabaseSetup.ConnectionString(config, env) : own;
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
