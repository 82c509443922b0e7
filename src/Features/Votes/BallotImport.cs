using Portal.Domain.Shared;
using System.Globalization;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>Reads and checks a bulk paper-ballot file: columns building,entrance,room,choice; line 1 is the header.</summary>
public static class BallotImport
{
    public sealed record Row(int Line, string Building, string Entrance, string Room, string Choice);
    public sealed record Place(string Building, string Entrance, string Room, long FlatId);
    public sealed record Error(int Line, string Key, object[] Args);
    public sealed record OwnerBallot(long OwnerOfRecordId, long FlatId, Choice Choice, int Line = 0, string Label = "");
    public sealed record Outcome(IReadOnlyList<Error> Errors, IReadOnlyList<OwnerBallot> Ballots);

    public static IReadOnlyList<Row> Read(Stream file, string fileName)
    {
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var table = TabularFile.Read(buffer.ToArray(), fileName);
        if (table.Count == 0) return [];
        var header = table[0].Cells.Select(h => h.Trim().ToLowerInvariant()).ToList();
        string Field(string[] cells, string name)
        {
            var i = header.IndexOf(name);
            return i >= 0 && i < cells.Length ? cells[i].Trim() : "";
        }
        return table.Skip(1)
            .Select(r => new Row(r.Line, Field(r.Cells, "building"), Field(r.Cells, "entrance"), Field(r.Cells, "room"), Field(r.Cells, "choice")))
            .ToList();
    }

    /// <summary>Every line is checked; the ballots are returned only when no line has an error.</summary>
    public static Outcome Check(IReadOnlyList<Row> rows, IReadOnlyList<Place> places, IReadOnlyDictionary<long, long> ownerByFlatInScope, bool optionMatters)
    {
        var errors = new List<Error>();
        if (optionMatters) errors.Add(new Error(1, "Import_OptionMatters", []));
        if (rows.Count == 0) errors.Add(new Error(1, "Import_Empty", []));
        var index = places.ToDictionary(p => (p.Building, p.Entrance, p.Room), p => p.FlatId);
        var byOwner = new Dictionary<long, (int Line, string Label, Choice Choice, long FlatId)>();
        var seenFlats = new HashSet<long>();
        foreach (var row in rows)
        {
            var label = Shared.FlatLabel.Of(row.Building, row.Entrance, row.Room);
            if (!index.TryGetValue((row.Building, row.Entrance, row.Room), out var flatId))
            {
                errors.Add(new Error(row.Line, "Import_UnknownFlat", [label]));
                continue;
            }
            if (!ownerByFlatInScope.TryGetValue(flatId, out var owner))
            {
                errors.Add(new Error(row.Line, "Import_OutsideScope", [label]));
                continue;
            }
            if (!Choices.TryParse(row.Choice, out var choice))
            {
                errors.Add(new Error(row.Line, "Import_BadChoice", [row.Choice]));
                continue;
            }
            if (!seenFlats.Add(flatId))
            {
                errors.Add(new Error(row.Line, "Import_DuplicateFlat", [label]));
                continue;
            }
            if (byOwner.TryGetValue(owner, out var earlier))
            {
                if (earlier.Choice != choice)
                    errors.Add(new Error(row.Line, "Import_OwnerConflict", [label, earlier.Label, earlier.Line]));
                continue;
            }
            byOwner[owner] = (row.Line, label, choice, flatId);
        }
        return errors.Count > 0
            ? new Outcome(errors, [])
            : new Outcome([], byOwner.Select(kv => new OwnerBallot(kv.Key, kv.Value.FlatId, kv.Value.Choice, kv.Value.Line, kv.Value.Label)).ToList());
    }
}
