namespace Portal.Domain.Register;

/// <summary>One applied import of a compound's register, kept as its change log.</summary>
public class RegisterChange
{
    private RegisterChange() { }

    public RegisterChange(long compoundId, DateTimeOffset at, string by, string source, RegisterPlan plan, string? confirmedRemovals)
    {
        CompoundId = compoundId;
        At = at;
        By = by;
        Source = source.Length > 200 ? source[..200] : source;
        FlatsAdded = plan.AddedFlats.Count;
        FlatsChanged = plan.ChangedFlats.Count;
        FlatsRemoved = plan.RemovedFlats.Count;
        OwnersAdded = plan.AddedOwners.Count;
        OwnersChanged = plan.ChangedOwners.Count;
        OwnersRemoved = plan.RemovedOwners.Count;
        FlatsAfter = plan.File.Flats;
        TotalAreaCentsAfter = plan.File.TotalAreaCents;
        ConfirmedRemovals = confirmedRemovals;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The committee member's user id, or "ops" for the command line.</summary>
    public string By { get; private set; } = "";
    /// <summary>The file name imported.</summary>
    public string Source { get; private set; } = "";
    public int FlatsAdded { get; private set; }
    public int FlatsChanged { get; private set; }
    public int FlatsRemoved { get; private set; }
    public int OwnersAdded { get; private set; }
    public int OwnersChanged { get; private set; }
    public int OwnersRemoved { get; private set; }
    public int FlatsAfter { get; private set; }
    public long TotalAreaCentsAfter { get; private set; }
    /// <summary>Flats removed although something referred to them, with what (one per line); null when none.</summary>
    public string? ConfirmedRemovals { get; private set; }
}
