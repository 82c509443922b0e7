using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Domain.City;

/// <summary>Which level set the task: every compound is a city task (市达任务); some are provincial tasks (省达任务) too.</summary>
public enum TaskLevel
{
    City = 0,
    Provincial = 1,
}

/// <summary>Where a compound is in the city's programme.</summary>
public enum ProgrammeStatus
{
    Planned = 0,
    InProgress = 1,
    Completed = 2,
}

/// <summary>
/// One compound's place in a city's yearly renovation programme, as the city reports it: what it covers
/// (buildings, households, floor area), what it is planned to cost and what money has been secured by source.
/// </summary>
public class CompoundProgramme
{
    private readonly List<ProgrammeFunds> _funds = [];

    private CompoundProgramme() { }

    public CompoundProgramme(long compoundId, int programmeYear, TaskLevel level, int buildings, int households, long floorAreaCents, long plannedInvestmentFen)
    {
        if (programmeYear is < 2000 or > 2100)
            throw new DomainException("programme.year_out_of_range", "The programme year must be between 2000 and 2100.");
        if (buildings < 0 || households < 0 || floorAreaCents < 0 || plannedInvestmentFen < 0)
            throw new DomainException("programme.negative", "Programme figures cannot be negative.");
        CompoundId = compoundId;
        ProgrammeYear = programmeYear;
        Level = level;
        Buildings = buildings;
        Households = households;
        FloorAreaCents = floorAreaCents;
        PlannedInvestmentFen = plannedInvestmentFen;
        Status = ProgrammeStatus.Planned;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public int ProgrammeYear { get; private set; }
    public TaskLevel Level { get; private set; }
    public ProgrammeStatus Status { get; private set; }
    public int Buildings { get; private set; }
    public int Households { get; private set; }
    /// <summary>Floor area covered, in hundredths of m².</summary>
    public long FloorAreaCents { get; private set; }
    public long PlannedInvestmentFen { get; private set; }
    public IReadOnlyList<ProgrammeFunds> Funds => _funds;

    /// <summary>Planned → in progress → completed; never back.</summary>
    public void MoveTo(ProgrammeStatus next)
    {
        if (next <= Status)
            throw new DomainException("programme.illegal_transition", $"A programme cannot move from {Status} to {next}.");
        Status = next;
    }

    /// <summary>Records money secured from <paramref name="source"/> (adds to what is already recorded).</summary>
    public void Secure(FundingSource source, long amountFen)
    {
        if (amountFen < 0)
            throw new DomainException("programme.negative", "Secured funds cannot be negative.");
        var existing = _funds.FirstOrDefault(f => f.Source == source);
        if (existing is null) _funds.Add(new ProgrammeFunds(source, amountFen));
        else existing.Add(amountFen);
    }
}

/// <summary>Money secured for one compound's programme from one source.</summary>
public class ProgrammeFunds
{
    private ProgrammeFunds() { }

    internal ProgrammeFunds(FundingSource source, long amountFen)
    {
        Source = source;
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long CompoundProgrammeId { get; private set; }
    public FundingSource Source { get; private set; }
    public long AmountFen { get; private set; }

    internal void Add(long amountFen) => AmountFen += amountFen;
}
