using Portal.Domain.Shared;
using System.Globalization;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>
/// Reads and checks a bulk paper-ballot file: columns building,entrance,room,choice, optionally received_at (ISO date or
/// date and time, Asia/Shanghai), channel (paper|assisted|proxy, default paper) and reference (the authorisation's
/// reference, required for assisted and proxy ballots) and code (the numbered paper's code, 纸质票编号, which becomes the
/// owner's receipt); line 1 is the header.
/// </summary>
public static class BallotImport
{
    public sealed record Row(int Line, string Building, string Entrance, string Room, string Choice,
        string ReceivedAt = "", string Channel = "", string Reference = "", string Code = "");
    public sealed record Place(string Building, string Entrance, string Room, long FlatId);
    public sealed record Error(int Line, string Key, object[] Args);
    public sealed record OwnerBallot(long OwnerOfRecordId, long FlatId, Choice Choice, int Line = 0, string Label = "",
        BallotChannel Channel = BallotChannel.Import, DateTimeOffset? ReceivedAt = null, string? Reference = null, string? Code = null);
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
            .Select(r => new Row(r.Line, Field(r.Cells, "building"), Field(r.Cells, "entrance"), Field(r.Cells, "room"), Field(r.Cells, "choice"),
                Field(r.Cells, "received_at"), Field(r.Cells, "channel"), Field(r.Cells, "reference"), Field(r.Cells, "code")))
            .ToList();
    }

    /// <summary>Every line is checked; the ballots are returned only when no line has an error.</summary>
    public static Outcome Check(IReadOnlyList<Row> rows, IReadOnlyList<Place> places, IReadOnlyDictionary<long, long> ownerByFlatInScope, bool optionMatters)
    {
        var errors = new List<Error>();
        if (optionMatters) errors.Add(new Error(1, "Import_OptionMatters", []));
        if (rows.Count == 0) errors.Add(new Error(1, "Import_Empty", []));
        var index = places.ToDictionary(p => (p.Building, p.Entrance, p.Room), p => p.FlatId);
        var byOwner = new Dictionary<long, (int Line, string Label, Choice Choice, long FlatId, BallotChannel Channel, DateTimeOffset? ReceivedAt, string? Reference, string? Code)>();
        var seenCodes = new Dictionary<string, int>();
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
            if (!TryChannel(row.Channel, out var channel))
            {
                errors.Add(new Error(row.Line, "Import_BadChannel", [row.Channel]));
                continue;
            }
            if (channel is BallotChannel.Assisted or BallotChannel.Proxy && row.Reference.Length == 0)
            {
                errors.Add(new Error(row.Line, "Import_ReferenceRequired", [label]));
                continue;
            }
            DateTimeOffset? receivedAt = null;
            if (row.ReceivedAt.Length > 0)
            {
                if (ReceivedAt(row.ReceivedAt) is not { } at)
                {
                    errors.Add(new Error(row.Line, "Import_BadReceivedAt", [row.ReceivedAt]));
                    continue;
                }
                receivedAt = at;
            }
            var code = PaperCodes.Normalise(row.Code);
            if (code.Length > 0 && !seenCodes.TryAdd(code, row.Line))
            {
                errors.Add(new Error(row.Line, "Import_DuplicateCode", [row.Code, seenCodes[code]]));
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
            byOwner[owner] = (row.Line, label, choice, flatId, channel, receivedAt, row.Reference.Length == 0 ? null : row.Reference,
                code.Length == 0 ? null : code);
        }
        return errors.Count > 0
            ? new Outcome(errors, [])
            : new Outcome([], byOwner.Select(kv => new OwnerBallot(kv.Key, kv.Value.FlatId, kv.Value.Choice, kv.Value.Line, kv.Value.Label,
                kv.Value.Channel, kv.Value.ReceivedAt, kv.Value.Reference, kv.Value.Code)).ToList());
    }

    /// <summary>paper (or empty) → Import (a paper ballot from a file), assisted, proxy.</summary>
    public static bool TryChannel(string text, out BallotChannel channel)
    {
        channel = BallotChannel.Import;
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "paper" or "纸质": return true;
            case "assisted" or "代填": channel = BallotChannel.Assisted; return true;
            case "proxy" or "委托": channel = BallotChannel.Proxy; return true;
            default: return false;
        }
    }

    /// <summary>"2026-12-01" (the start of that day) or "2026-12-01T18:30" / "2026-12-01 18:30", Asia/Shanghai, as UTC.</summary>
    public static DateTimeOffset? ReceivedAt(string text)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Shared.Shanghai.FromLocal(date.ToDateTime(TimeOnly.MinValue));
        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? Shared.Shanghai.FromLocal(local)
            : null;
    }
}
