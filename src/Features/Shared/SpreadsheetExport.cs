using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace Portal.Features.Shared;

/// <summary>
/// Every table the portal lets people download, as CSV or .xlsx. CSV is UTF-8 with a BOM so Excel on Chinese Windows
/// reads the names right. Text that a spreadsheet would run as a formula is escaped in both formats: a resident's
/// proposal title or a payee typed as <c>=HYPERLINK(...)</c> must not run on the committee's computer.
/// </summary>
public static partial class SpreadsheetExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file to send: .xlsx when <paramref name="format"/> says so, CSV otherwise.</summary>
    public static FileContentResult Download(string? format, string baseName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var list = rows.ToList();
        return string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)
            ? new FileContentResult(Xlsx(headers, list), XlsxContentType) { FileDownloadName = baseName + ".xlsx" }
            : new FileContentResult(Csv(headers, list), CsvContentType) { FileDownloadName = baseName + ".csv" };
    }

    /// <summary>Rows of named cells, the column order and headers taken from the first row (no rows, no header).</summary>
    public static FileContentResult Download(string? format, string baseName, IReadOnlyList<IReadOnlyDictionary<string, object>> records)
    {
        var headers = records.Count > 0 ? records[0].Keys.ToList() : [];
        return Download(format, baseName, headers, records.Select(r => headers.Select(h => (object?)r[h]).ToList()));
    }

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            if (headers.Count > 0)
            {
                foreach (var h in headers) csv.WriteField(Defused(h));
                csv.EndRecord();
            }
            foreach (var row in rows)
            {
                foreach (var cell in row) csv.WriteField(Defused(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? ""));
                csv.EndRecord();
            }
            csv.Flush();
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(headers.Count);
            for (var i = 0; i < headers.Count; i++) cells[Defused(headers[i])] = XlsxCell(i < row.Count ? row[i] : null);
            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        if (sheet.Count > 0) stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        // MiniExcel writes nothing for no rows; the header alone is then written as the only row.
        else stream.SaveAs(new[] { headers.ToDictionary(Defused, h => (object?)Defused(h)) }, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>
    /// A cell that begins with <c>= + - @</c>, a tab or a carriage return gets a leading apostrophe, so spreadsheets show it as
    /// text instead of running it. A plain negative number such as <c>-600.00</c> is a number, not a formula, and stays.
    /// </summary>
    public static string Defused(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(value) ? "'" + value : value;

    /// <summary>Numbers stay numbers in .xlsx; everything else is written as (defused) text.</summary>
    private static object? XlsxCell(object? value) => value switch
    {
        null => null,
        int or long or short or byte or decimal or double or float => value,
        string s => Defused(s),
        _ => Defused(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    [GeneratedRegex(@"^-\d+(\.\d+)?$")]
    private static partial Regex PlainNumber();
}
