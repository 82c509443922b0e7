using System.Globalization;
using System.Text;
using Portal.Domain.Register;
using Portal.Domain.Shared;

namespace Portal.Domain.Register;

/// <summary>
/// Reads a household register (房屋清册) from CSV (UTF-8 with or without BOM, or GB18030) or .xlsx.
/// Columns are found by their header, in any order; extra columns are ignored. Every row is checked and
/// every problem reported with its line; one problem refuses the whole file.
/// </summary>
public static class RegisterParser
{
    public const int MaxErrors = 500;

    private static readonly string[] Required = ["building", "entrance", "floor", "room", "area_m2", "owner_key", "owner_name", "phone"];

    /// <summary>Header spellings accepted for each column (the committee's Excel is often in Chinese).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["building"] = "building", ["楼栋"] = "building", ["楼号"] = "building",
        ["entrance"] = "entrance", ["单元"] = "entrance", ["楼门"] = "entrance",
        ["floor"] = "floor", ["楼层"] = "floor",
        ["room"] = "room", ["房号"] = "room", ["户号"] = "room",
        ["area_m2"] = "area_m2", ["面积"] = "area_m2", ["专有部分面积"] = "area_m2",
        ["owner_key"] = "owner_key", ["业主编号"] = "owner_key",
        ["owner_name"] = "owner_name", ["业主姓名"] = "owner_name",
        ["phone"] = "phone", ["电话"] = "phone", ["联系电话"] = "phone",
        ["area_source"] = "area_source", ["面积来源"] = "area_source",
    };

    public static RegisterFile Parse(Stream stream, string? fileName = null)
    {
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        return Parse(bytes, fileName);
    }

    public static RegisterFile Parse(byte[] bytes, string? fileName = null)
    {
        if (bytes.Length == 0)
            return Refused(new RegisterError(1, "empty_file", "the file is empty"));
        List<(int Line, string[] Cells)> table;
        try
        {
            table = TabularFile.Read(bytes, fileName);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Refused(new RegisterError(1, "unreadable", "the file could not be read as CSV or .xlsx"));
        }
        return Validate(table);
    }

    private static RegisterFile Refused(params RegisterError[] errors) => new([], errors);

    private static RegisterFile Validate(List<(int Line, string[] Cells)> table)
    {
        if (table.Count == 0)
            return Refused(new RegisterError(1, "empty_file", "the file is empty"));

        var (headerLine, header) = table[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (Aliases.TryGetValue(name, out var canonical) && !columns.ContainsKey(canonical))
                columns[canonical] = i;
        }
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing);
            return Refused(new RegisterError(headerLine, "missing_columns", $"missing required column(s): {list}", list));
        }
        if (table.Count == 1)
            return Refused(new RegisterError(headerLine + 1, "no_flats", "the file has no flats below the header"));

        var errors = new List<RegisterError>();
        var rows = new List<RegisterRow>(table.Count);
        var flatsSeen = new Dictionary<FlatKey, int>();
        var ownersSeen = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        columns.TryGetValue("area_source", out var sourceColumn);
        var hasSource = columns.ContainsKey("area_source");

        foreach (var (line, cells) in table.Skip(1))
        {
            if (errors.Count >= MaxErrors) break;
            string Cell(string column) => columns[column] < cells.Length ? cells[columns[column]].Trim() : "";
            var before = errors.Count;
            void Error(string code, string message, params string[] args) => errors.Add(new RegisterError(line, code, message, args));

            var building = Cell("building");
            var entrance = Cell("entrance");
            var room = Cell("room");
            if (building.Length == 0) Error("empty_building", "building is empty");
            else if (building.Length > 50) Error("too_long", "building is longer than 50 characters", "building", "50");
            if (entrance.Length == 0) Error("empty_entrance", "entrance is empty");
            else if (entrance.Length > 50) Error("too_long", "entrance is longer than 50 characters", "entrance", "50");
            if (room.Length == 0) Error("empty_room", "room is empty");
            else if (room.Length > 50) Error("too_long", "room is longer than 50 characters", "room", "50");

            var floorText = Cell("floor");
            if (!int.TryParse(floorText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var floor) || floor is < -10 or > 200)
                Error("bad_floor", $"floor '{floorText}' is not a whole number from -10 to 200", floorText);

            var areaText = Cell("area_m2");
            if (!ExclusiveArea.TryParse(areaText, out var areaCents))
                Error("bad_area", $"area_m2 '{areaText}' is not a positive number with at most two decimals", areaText);

            var sourceText = hasSource ? (sourceColumn < cells.Length ? cells[sourceColumn].Trim() : "") : "";
            var source = AreaSource.Registered;
            if (sourceText.Length > 0 && !TryParseSource(sourceText, out source))
                Error("bad_area_source", $"area_source '{sourceText}' is not registered, surveyed or contract", sourceText);

            var ownerKey = Cell("owner_key");
            var ownerName = Cell("owner_name");
            var phone = Cell("phone");
            if (ownerKey.Length == 0) Error("empty_owner_key", "owner_key is empty");
            else if (ownerKey.Length > 100) Error("too_long", "owner_key is longer than 100 characters", "owner_key", "100");
            if (ownerName.Length == 0) Error("empty_owner_name", "owner_name is empty");
            else if (ownerName.Length > 200) Error("too_long", "owner_name is longer than 200 characters", "owner_name", "200");
            if (phone.Length > 40) Error("too_long", "phone is longer than 40 characters", "phone", "40");

            if (building.Length > 0 && entrance.Length > 0 && room.Length > 0)
            {
                var key = new FlatKey(building, entrance, room);
                if (flatsSeen.TryGetValue(key, out var firstLine))
                    Error("duplicate_flat", $"flat {key} is already on line {firstLine}", key.ToString(), firstLine.ToString(CultureInfo.InvariantCulture));
                else flatsSeen[key] = line;
            }
            if (ownerKey.Length > 0 && ownerName.Length > 0)
            {
                if (ownersSeen.TryGetValue(ownerKey, out var known))
                {
                    if (known.Name != ownerName)
                        Error("owner_two_names", $"owner_key {ownerKey} is '{ownerName}' here but '{known.Name}' on line {known.Line}",
                            ownerKey, ownerName, known.Name, known.Line.ToString(CultureInfo.InvariantCulture));
                }
                else ownersSeen[ownerKey] = (ownerName, line);
            }

            if (errors.Count == before)
                rows.Add(new RegisterRow(line, building, entrance, floor, room, areaCents, source, ownerKey, ownerName, phone.Length == 0 ? null : phone));
        }
        return errors.Count > 0 ? new RegisterFile([], errors) : new RegisterFile(rows, []);
    }

    public static bool TryParseSource(string text, out AreaSource source)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "registered" or "登记": source = AreaSource.Registered; return true;
            case "surveyed" or "实测": source = AreaSource.Surveyed; return true;
            case "contract" or "合同": source = AreaSource.Contract; return true;
            default: source = AreaSource.Registered; return false;
        }
    }
}
