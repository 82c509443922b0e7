using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Portal.Domain.Shared;

/// <summary>
/// Reads the spreadsheets committees upload (registers, paper ballots): CSV in UTF-8 (with or without BOM) or
/// GB18030, which Excel on Chinese Windows saves, or .xlsx. Rows keep the line they start on in the file, header = 1.
/// </summary>
public static class TabularFile
{
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Every non-empty row, the header first. Throws on a file that is neither readable CSV nor .xlsx.</summary>
    public static List<(int Line, string[] Cells)> Read(byte[] bytes, string? fileName = null) =>
        IsXlsx(bytes, fileName) ? ReadXlsx(bytes) : ReadCsv(DecodeText(bytes));

    /// <summary>Valid UTF-8 (with or without BOM) is UTF-8; anything else is taken as GB18030.</summary>
    public static string DecodeText(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    public static bool IsXlsx(byte[] bytes, string? fileName) =>
        (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) ||
        (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>RFC 4180 CSV (comma, or tab/semicolon when the header has no comma), keeping each record's first line.</summary>
    public static List<(int Line, string[] Cells)> ReadCsv(string text)
    {
        var rows = new List<(int, string[])>();
        var firstLineEnd = text.IndexOf('\n');
        var header = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var delimiter = header.Contains(',') ? ',' : header.Contains('\t') ? '\t' : header.Contains(';') ? ';' : ',';
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        void EndRecord()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            if (!(cells.Count == 1 && cells[0].Trim().Length == 0)) rows.Add((recordLine, cells.ToArray()));
            cells.Clear();
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { EndRecord(); line++; recordLine = line; }
            else cell.Append(c);
        }
        if (quoted) throw new FormatException("unterminated quoted cell");
        if (cell.Length > 0 || cells.Count > 0) EndRecord();
        return rows;
    }

    public static List<(int Line, string[] Cells)> ReadXlsx(byte[] bytes)
    {
        var rows = new List<(int, string[])>();
        using var stream = new MemoryStream(bytes);
        var line = 0;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            line++;
            var cells = row.Values.Select(CellText).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((line, cells));
        }
        return rows;
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
