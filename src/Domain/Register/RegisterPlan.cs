using Portal.Domain.Register;

namespace Portal.Domain.Register;

/// <summary>A flat as the register holds it now, for comparing with an imported file.</summary>
public sealed record CurrentFlat(long FlatId, FlatKey Key, int Floor, long AreaCents, AreaSource AreaSource, string OwnerKey);

/// <summary>An owner of record as the register holds it now.</summary>
public sealed record CurrentOwner(long OwnerId, string OwnerKey, string Name, string? Phone);

public sealed record FlatChange(CurrentFlat Before, RegisterRow After);

/// <summary>A flat to be removed that other records still point at (resident links, ballots, pledges...).</summary>
/// <summary>Why a flat may not vanish unnoticed; <paramref name="LinkedAccounts"/> lets a page say it in the reader's language.</summary>
public sealed record FlatRemovalBlocker(long FlatId, string Reason, int LinkedAccounts = 0);

/// <summary>
/// What applying an imported register would do to a compound: flats matched by building/entrance/room are
/// changed, new ones added, missing ones removed; owners of record follow by owner_key.
/// </summary>
public sealed class RegisterPlan
{
    public required RegisterFile File { get; init; }
    public required IReadOnlyList<RegisterRow> AddedFlats { get; init; }
    public required IReadOnlyList<FlatChange> ChangedFlats { get; init; }
    public required IReadOnlyList<CurrentFlat> RemovedFlats { get; init; }
    public required int UnchangedFlats { get; init; }
    public required IReadOnlyList<RegisterRow> AddedOwners { get; init; }
    public required IReadOnlyList<(CurrentOwner Before, RegisterRow After)> ChangedOwners { get; init; }
    public required IReadOnlyList<CurrentOwner> RemovedOwners { get; init; }
    /// <summary>Removed flats that something still refers to: applying needs explicit confirmation.</summary>
    public IReadOnlyList<FlatRemovalBlocker> Blockers { get; set; } = [];

    public bool NeedsConfirmation => Blockers.Count > 0;
    public bool HasChanges => AddedFlats.Count + ChangedFlats.Count + RemovedFlats.Count + AddedOwners.Count + ChangedOwners.Count + RemovedOwners.Count > 0;

    public static RegisterPlan Compare(RegisterFile file, IReadOnlyCollection<CurrentFlat> flats, IReadOnlyCollection<CurrentOwner> owners)
    {
        if (!file.IsValid) throw new InvalidOperationException("A refused register cannot be planned.");
        var current = flats.ToDictionary(f => f.Key);
        var incoming = new HashSet<FlatKey>(file.Rows.Select(r => r.Key));
        var added = new List<RegisterRow>();
        var changed = new List<FlatChange>();
        var unchanged = 0;
        foreach (var row in file.Rows)
        {
            if (!current.TryGetValue(row.Key, out var before)) added.Add(row);
            else if (before.Floor != row.Floor || before.AreaCents != row.AreaCents || before.AreaSource != row.AreaSource || before.OwnerKey != row.OwnerKey)
                changed.Add(new FlatChange(before, row));
            else unchanged++;
        }
        var removed = flats.Where(f => !incoming.Contains(f.Key)).OrderBy(f => f.Key.ToString(), StringComparer.Ordinal).ToList();

        var ownersNow = owners.ToDictionary(o => o.OwnerKey, StringComparer.Ordinal);
        var ownersInFile = file.Rows.GroupBy(r => r.OwnerKey, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(r => r.Phone is not null) ?? g.First()).ToList();
        var ownerKeysInFile = new HashSet<string>(ownersInFile.Select(r => r.OwnerKey), StringComparer.Ordinal);
        var addedOwners = ownersInFile.Where(r => !ownersNow.ContainsKey(r.OwnerKey)).ToList();
        var changedOwners = ownersInFile
            .Where(r => ownersNow.TryGetValue(r.OwnerKey, out var o) && (o.Name != r.OwnerName || o.Phone != r.Phone))
            .Select(r => (ownersNow[r.OwnerKey], r)).ToList();
        var removedOwners = owners.Where(o => !ownerKeysInFile.Contains(o.OwnerKey)).ToList();

        return new RegisterPlan
        {
            File = file,
            AddedFlats = added,
            ChangedFlats = changed,
            RemovedFlats = removed,
            UnchangedFlats = unchanged,
            AddedOwners = addedOwners,
            ChangedOwners = changedOwners,
            RemovedOwners = removedOwners,
        };
    }
}

/// <summary>
/// Says which flats may not simply disappear from the register. Each feature whose records point at flats
/// (resident links here; ballots and pledges later) registers one in DI; the import then asks for confirmation
/// and logs the removal. A feature whose rows reference a flat must let them go with it (cascade) or refuse here.
/// </summary>
public interface IFlatRemovalGuard
{
    Task<IReadOnlyList<FlatRemovalBlocker>> CheckAsync(long compoundId, IReadOnlyCollection<long> flatIds, CancellationToken ct);
}
