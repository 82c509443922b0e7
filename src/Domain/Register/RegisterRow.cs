using Portal.Domain.Register;

namespace Portal.Domain.Register;

/// <summary>One valid flat of an imported register, with the line it came from (header = line 1).</summary>
public sealed record RegisterRow(
    int Line,
    string Building,
    string Entrance,
    int Floor,
    string Room,
    long AreaCents,
    AreaSource AreaSource,
    string OwnerKey,
    string OwnerName,
    string? Phone)
{
    public FlatKey Key => new(Building, Entrance, Room);
}

/// <summary>A flat's address in the register: building / entrance / room, compared exactly.</summary>
public readonly record struct FlatKey(string Building, string Entrance, string Room)
{
    public override string ToString() => $"{Building}-{Entrance}-{Room}";
}

/// <summary>
/// What is wrong on one line. <see cref="Code"/> is translated in the UI (RegisterError_{Code}, with <see cref="Args"/>);
/// <see cref="Message"/> is the English text the command line prints.
/// </summary>
public sealed record RegisterError(int Line, string Code, string Message, params string[] Args)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A parsed register: either rows (no errors) or errors (the file is refused whole).</summary>
public sealed class RegisterFile
{
    public RegisterFile(IReadOnlyList<RegisterRow> rows, IReadOnlyList<RegisterError> errors)
    {
        Rows = rows;
        Errors = errors;
    }

    public IReadOnlyList<RegisterRow> Rows { get; }
    public IReadOnlyList<RegisterError> Errors { get; }
    public bool IsValid => Errors.Count == 0;

    public int Buildings => Rows.Select(r => r.Building).Distinct(StringComparer.Ordinal).Count();
    public int Flats => Rows.Count;
    public int Owners => Rows.Select(r => r.OwnerKey).Distinct(StringComparer.Ordinal).Count();
    public long TotalAreaCents => Rows.Sum(r => r.AreaCents);
}
