using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Portal.Domain.Votes;

namespace Portal.Pages.Votes;

/// <summary>Reads and checks a bulk paper-ballot file: columns building,entrance,room,choice; line 1 is the header.</summary>
public static class BallotImport
{
    public sealed record Row(int Line, string Building, string Entrance, string Room, string Choice);
    public sealed record Place(string Building, string Entrance, string Room, long FlatId);
    public sealed record Error(int Line, string Key, object[] Args);
    public sealed record OwnerBallot(long OwnerOfRecordId, long FlatId, Choice Choice);
    public sealed record Outcome(IReadOnlyList<Error> Errors, IReadOnlyList<OwnerBallot> Ballots);

    public static IReadOnlyList<Row> Read(Stream file, string fileName)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            var rows = new List<Row>();
            var line = 1;
            foreach (IDictionary<string, object?> r in file.Query(useHeaderRow: true))
            {
                line++;
                string Cell(string name) => r.FirstOrDefault(kv => kv.Key.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.ToString()?.Trim() ?? "";
                rows.Add(new Row(line, Cell("building"), Cell("entrance"), Cell("room"), Cell("choice")));
            }
            return rows;
        }

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var text = LooksUtf8(bytes) ? new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF') : Encoding.GetEncoding("GB18030").GetString(bytes);
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var result = new List<Row>();
        if (lines.Length == 0) return result;
        var header = SplitLine(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        string Field(List<string> cells, string name)
        {
            var i = header.IndexOf(name);
            return i >= 0 && i < cells.Count ? cells[i].Trim() : "";
        }
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = SplitLine(lines[i]);
            result.Add(new Row(i + 1, Field(cells, "building"), Field(cells, "entrance"), Field(cells, "room"), Field(cells, "choice")));
        }
        return result;
    }

    /// <summary>One CSV line: commas separate, double quotes group, "" is a quote.</summary>
    private static List<string> SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static bool LooksUtf8(byte[] bytes)
    {
        try { _ = new UTF8Encoding(false, true).GetString(bytes); return true; }
        catch (DecoderFallbackException) { return false; }
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
            : new Outcome([], byOwner.Select(kv => new OwnerBallot(kv.Key, kv.Value.FlatId, kv.Value.Choice)).ToList());
    }
}
