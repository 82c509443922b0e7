using System.Globalization;
using System.Text;
using CsvHelper;

namespace Portal.Features.Funding;

/// <summary>Rows of named columns as UTF-8 CSV with a BOM (so spreadsheet programs read the Chinese right).</summary>
public static class CsvExport
{
    public static byte[] Write(IReadOnlyList<Dictionary<string, object>> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            if (rows.Count > 0)
            {
                foreach (var h in rows[0].Keys) csv.WriteField(h);
                csv.EndRecord();
            }
            foreach (var r in rows)
            {
                foreach (var v in r.Values) csv.WriteField(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
                csv.EndRecord();
            }
            csv.Flush();
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
