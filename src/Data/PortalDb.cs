using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;

namespace Portal.Data;

/// <summary>
/// The portal's database. Entities are configured one class each under Configurations/
/// and picked up from the assembly; each provider has its own subclass and migration set.
/// </summary>
public abstract class PortalDb(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and token keys, shared by every server of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>What <see cref="AfterCommitExtensions.AfterCommit"/> holds until the current transaction commits.</summary>
    internal List<Action> AfterCommitWork { get; } = [];

    // The context goes back to the pool when its scope ends: work of a transaction that never committed stays behind.
    public override void Dispose()
    {
        AfterCommitWork.Clear();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        AfterCommitWork.Clear();
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDb).Assembly);
    }
}

public sealed class SqlitePortalDb(DbContextOptions<SqlitePortalDb> options) : PortalDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store UTC ticks as an ordered integer.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresPortalDb(DbContextOptions<PostgresPortalDb> options) : PortalDb(options);

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
