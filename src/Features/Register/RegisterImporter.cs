using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Register;

/// <summary>
/// Plans and applies an imported register to one compound, in one transaction and in batches
/// (a city programme's 60,000 flats): no query per row.
/// </summary>
public sealed class RegisterImporter(PortalDb db, IEnumerable<IFlatRemovalGuard> guards, TimeProvider clock)
{
    private const int Batch = 5_000;

    public async Task<RegisterPlan> PlanAsync(Compound compound, RegisterFile file, CancellationToken ct)
    {
        var (flats, owners) = await CurrentAsync(compound.Id, ct);
        var plan = RegisterPlan.Compare(file, flats, owners);
        if (plan.RemovedFlats.Count > 0)
        {
            var ids = plan.RemovedFlats.Select(f => f.FlatId).ToList();
            var blockers = new List<FlatRemovalBlocker>();
            foreach (var guard in guards)
                blockers.AddRange(await guard.CheckAsync(compound.Id, ids, ct));
            plan.Blockers = blockers;
        }
        return plan;
    }

    private async Task<(List<CurrentFlat>, List<CurrentOwner>)> CurrentAsync(long compoundId, CancellationToken ct)
    {
        var flats = await (from f in db.NamedFlats().AsNoTracking()
                           join o in db.Set<OwnerOfRecord>() on f.Flat.OwnerOfRecordId equals o.Id
                           where f.Flat.CompoundId == compoundId
                           select new { f.Flat.Id, f.Building, f.Entrance, f.Flat.Room, f.Flat.Floor, f.Flat.ExclusiveAreaCents, f.Flat.AreaSource, o.OwnerKey })
            .ToListAsync(ct);
        var owners = await db.Set<OwnerOfRecord>().AsNoTracking().Where(o => o.CompoundId == compoundId)
            .Select(o => new CurrentOwner(o.Id, o.OwnerKey, o.Name, o.Phone)).ToListAsync(ct);
        return (flats.Select(f => new CurrentFlat(f.Id, new FlatKey(f.Building, f.Entrance, f.Room), f.Floor, f.ExclusiveAreaCents, f.AreaSource, f.OwnerKey)).ToList(), owners);
    }

    /// <summary>
    /// Applies <paramref name="plan"/>. Refuses (returns false) when flats with links, ballots or pledges would be removed
    /// and <paramref name="confirmRemovals"/> is not set. Throws if the register changed since the plan was made.
    /// </summary>
    /// <summary>
    /// Multi-row INSERTs with parameters, in the current transaction: a city's register is 60,000 rows, and EF's
    /// change tracker would spend most of a minute on them. Table and column names come from the EF model.
    /// </summary>
    private async Task InsertAsync<T>(string[] properties, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        const int rowsPerStatement = 500;
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = string.Join(", ", properties.Select(p => "\"" + entity.FindProperty(p)!.GetColumnName(table) + "\""));
        var tableName = (entity.GetSchema() is { } schema ? "\"" + schema + "\"." : "") + "\"" + entity.GetTableName() + "\"";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.IsSqlite())
        {
            // SQLite is fastest with one prepared single-row statement stepped for every row.
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = $"INSERT INTO {tableName} ({columns}) VALUES ({string.Join(", ", properties.Select((_, c) => "@p" + c))})";
            var parameters = properties.Select((_, c) =>
            {
                var parameter = single.CreateParameter();
                parameter.ParameterName = "@p" + c;
                single.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            foreach (var row in rows)
            {
                for (var c = 0; c < parameters.Length; c++) parameters[c].Value = row[c] ?? DBNull.Value;
                await single.ExecuteNonQueryAsync(ct);
            }
            return;
        }
        foreach (var chunk in rows.Chunk(rowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new System.Text.StringBuilder();
            for (var r = 0; r < chunk.Length; r++)
            {
                values.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var name = $"@p{r}_{c}";
                    values.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = chunk[r][c] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                values.Append(')');
            }
            command.CommandText = $"INSERT INTO {tableName} ({columns}) VALUES {values}";
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<bool> ApplyAsync(Compound compound, RegisterPlan plan, string by, string source, bool confirmRemovals, CancellationToken ct)
    {
        if (plan.NeedsConfirmation && !confirmRemovals) return false;
        var now = clock.GetUtcNow();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Buildings and entrances: reuse what exists, add what is new.
            var buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == compound.Id).ToDictionaryAsync(b => b.Name, StringComparer.Ordinal, ct);
            var newBuildings = plan.File.Rows.Select(r => r.Building).Distinct(StringComparer.Ordinal).Where(n => !buildings.ContainsKey(n)).ToList();
            if (newBuildings.Count > 0)
            {
                await InsertAsync<Building>([nameof(Building.CompoundId), nameof(Building.Name)], newBuildings.Select(n => new object?[] { compound.Id, n }), ct);
                buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == compound.Id).ToDictionaryAsync(b => b.Name, StringComparer.Ordinal, ct);
            }

            var entrances = (await db.Set<Entrance>().AsNoTracking().Where(e => e.CompoundId == compound.Id).ToListAsync(ct)).ToDictionary(e => (e.BuildingId, e.Name));
            var newEntrances = plan.File.Rows.Select(r => (BuildingId: buildings[r.Building].Id, Name: r.Entrance)).Distinct()
                .Where(k => !entrances.ContainsKey(k)).ToList();
            if (newEntrances.Count > 0)
            {
                await InsertAsync<Entrance>([nameof(Entrance.CompoundId), nameof(Entrance.BuildingId), nameof(Entrance.Name)],
                    newEntrances.Select(k => new object?[] { compound.Id, k.BuildingId, k.Name }), ct);
                entrances = (await db.Set<Entrance>().AsNoTracking().Where(e => e.CompoundId == compound.Id).ToListAsync(ct)).ToDictionary(e => (e.BuildingId, e.Name));
            }

            // Owners of record: add new keys, update names and phones.
            var owners = await db.Set<OwnerOfRecord>().AsNoTracking().Where(o => o.CompoundId == compound.Id).ToDictionaryAsync(o => o.OwnerKey, StringComparer.Ordinal, ct);
            foreach (var (before, after) in plan.ChangedOwners)
            {
                var owner = owners[before.OwnerKey];
                owner.UpdateContact(after.OwnerName, after.Phone);
                db.Attach(owner).State = EntityState.Modified;
            }
            await db.SaveChangesAsync(ct);
            if (plan.AddedOwners.Count > 0)
            {
                await InsertAsync<OwnerOfRecord>(
                    [nameof(OwnerOfRecord.CompoundId), nameof(OwnerOfRecord.OwnerKey), nameof(OwnerOfRecord.Name), nameof(OwnerOfRecord.Phone)],
                    plan.AddedOwners.Select(r => new object?[] { compound.Id, r.OwnerKey, r.OwnerName, r.Phone }), ct);
                foreach (var o in await db.Set<OwnerOfRecord>().AsNoTracking().Where(o => o.CompoundId == compound.Id).ToListAsync(ct))
                    owners.TryAdd(o.OwnerKey, o);
            }

            // Flats: changed in place, removed (with what points at them), added in batches.
            var log = new List<string>();
            if (plan.ChangedFlats.Count > 0 || plan.RemovedFlats.Count > 0)
            {
                var touched = plan.ChangedFlats.Select(c => c.Before.FlatId).Concat(plan.RemovedFlats.Select(f => f.FlatId)).ToHashSet();
                var tracked = new Dictionary<long, Flat>();
                foreach (var ids in touched.Chunk(Batch))
                    foreach (var f in await db.Set<Flat>().Where(f => ids.Contains(f.Id)).ToListAsync(ct))
                        tracked[f.Id] = f;
                foreach (var change in plan.ChangedFlats)
                {
                    var flat = tracked[change.Before.FlatId];
                    flat.Amend(change.After.Floor, change.After.AreaCents, change.After.AreaSource, owners[change.After.OwnerKey].Id);
                    db.Entry(flat).State = EntityState.Modified;
                }
                await db.SaveChangesAsync(ct);

                var removedIds = plan.RemovedFlats.Select(f => f.FlatId).ToList();
                foreach (var blocker in plan.Blockers)
                    log.Add($"{plan.RemovedFlats.First(f => f.FlatId == blocker.FlatId).Key}: {blocker.Reason}");
                foreach (var ids in removedIds.Chunk(Batch))
                {
                    // A resident link keeps history, but cannot outlive its flat: the log above keeps what it was.
                    await db.Set<ResidentLink>().Where(l => ids.Contains(l.FlatId)).ExecuteDeleteAsync(ct);
                    await db.Set<Flat>().Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(ct);
                }
            }
            await InsertAsync<Flat>(
                [nameof(Flat.CompoundId), nameof(Flat.BuildingId), nameof(Flat.EntranceId), nameof(Flat.Room), nameof(Flat.Floor),
                 nameof(Flat.ExclusiveAreaCents), nameof(Flat.AreaSource), nameof(Flat.OwnerOfRecordId)],
                plan.AddedFlats.Select(r =>
                {
                    var building = buildings[r.Building];
                    // Validated as the constructor would (positive area), without building 60,000 entities.
                    if (r.AreaCents <= 0) throw new InvalidOperationException("A flat's exclusive area must be positive.");
                    return new object?[] { compound.Id, building.Id, entrances[(building.Id, r.Entrance)].Id, r.Room, r.Floor, r.AreaCents, (int)r.AreaSource, owners[r.OwnerKey].Id };
                }), ct);

            // What is left empty goes: owners with no flat, entrances and buildings with no flat.
            var goneOwners = plan.RemovedOwners.Select(o => o.OwnerId).ToList();
            foreach (var ids in goneOwners.Chunk(Batch))
                await db.Set<OwnerOfRecord>().Where(o => ids.Contains(o.Id) && !db.Set<Flat>().Any(f => f.OwnerOfRecordId == o.Id)).ExecuteDeleteAsync(ct);
            if (plan.RemovedFlats.Count > 0)
            {
                await db.Set<Entrance>().Where(e => e.CompoundId == compound.Id && !db.Set<Flat>().Any(f => f.EntranceId == e.Id)).ExecuteDeleteAsync(ct);
                await db.Set<Building>().Where(b => b.CompoundId == compound.Id && !db.Set<Entrance>().Any(e => e.BuildingId == b.Id)).ExecuteDeleteAsync(ct);
            }

            db.ChangeTracker.Clear();
            db.Add(new RegisterChange(compound.Id, now, by, source, plan, log.Count > 0 ? string.Join('\n', log) : null));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}

/// <summary>Flats that accounts are linked to (active links) may not vanish from the register unnoticed.</summary>
public sealed class ActiveResidentLinksGuard(PortalDb db) : IFlatRemovalGuard
{
    public async Task<IReadOnlyList<FlatRemovalBlocker>> CheckAsync(long compoundId, IReadOnlyCollection<long> flatIds, CancellationToken ct)
    {
        var result = new List<FlatRemovalBlocker>();
        foreach (var ids in flatIds.Chunk(5_000))
        {
            var counts = await db.Set<ResidentLink>()
                .Where(l => l.CompoundId == compoundId && l.UnlinkedAt == null && ids.Contains(l.FlatId))
                .GroupBy(l => l.FlatId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
            result.AddRange(counts.Select(c => new FlatRemovalBlocker(c.Key, c.N == 1 ? "1 linked resident account" : $"{c.N} linked resident accounts", c.N)));
        }
        return result;
    }
}

public sealed class RegisterOptions
{
    /// <summary>How long an invitation letter's code stays valid.</summary>
    public int InvitationValidDays { get; set; } = 60;
    /// <summary>Wrong codes allowed per account, and per address, within <see cref="LockoutMinutes"/>.</summary>
    public int ClaimFailuresPerAccount { get; set; } = 5;
    public int ClaimFailuresPerAddress { get; set; } = 20;
    public int LockoutMinutes { get; set; } = 15;
}
