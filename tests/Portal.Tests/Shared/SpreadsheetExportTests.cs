using System.Text;
using MiniExcelLibs;
using Portal.Domain.Shared;
using Portal.Features.Shared;

namespace Portal.Tests.Shared;

public sealed class SpreadsheetExportTests
{
    private static readonly string[] Headers = ["名称", "金额"];

    private static readonly string[] Dangerous = ["=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+2", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd"];

    /// <summary>The file read back with the reader the portal uses for uploads (BOM removed, RFC 4180 quotes undone).</summary>
    private static List<string[]> CsvLines(byte[] bytes) => TabularFile.ReadCsv(TabularFile.DecodeText(bytes)).Select(r => r.Cells).ToList();

    private static List<IDictionary<string, object>> XlsxRows(byte[] bytes) =>
        MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();

    [Fact]
    public void Csv_text_that_would_run_as_a_formula_gets_an_apostrophe()
    {
        var lines = CsvLines(SpreadsheetExport.Csv(Headers, Dangerous.Select(d => new object?[] { d, 1 }).ToList()));
        Assert.Equal(Headers, lines[0]);
        Assert.Equal(Dangerous.Select(d => "'" + d), lines.Skip(1).Select(l => l[0]));
    }

    [Fact]
    public void Xlsx_text_that_would_run_as_a_formula_gets_an_apostrophe()
    {
        var rows = XlsxRows(SpreadsheetExport.Xlsx(Headers, Dangerous.Select(d => new object?[] { d, 1 }).ToList()));
        // XML reads a stored carriage return back as a line feed; the apostrophe in front is what matters.
        Assert.Equal(Dangerous.Select(d => "'" + d.Replace('\r', '\n')), rows.Select(r => r["名称"]?.ToString()));
    }

    [Fact]
    public void Negative_amounts_ordinary_text_and_numbers_are_left_as_they_are()
    {
        object?[][] rows = [["-600.00", -600.5m], ["电梯公司 - 维保", 12], ["a=b", null]];
        var csv = CsvLines(SpreadsheetExport.Csv(Headers, rows));
        Assert.Equal(["-600.00", "-600.5"], csv[1]);
        Assert.Equal(["电梯公司 - 维保", "12"], csv[2]);
        Assert.Equal(["a=b", ""], csv[3]);

        var xlsx = XlsxRows(SpreadsheetExport.Xlsx(Headers, rows));
        Assert.Equal("-600.00", xlsx[0]["名称"]);
        Assert.Equal(-600.5, Convert.ToDouble(xlsx[0]["金额"]));
        Assert.Equal(12, Convert.ToDouble(xlsx[1]["金额"]));
        Assert.Equal("a=b", xlsx[2]["名称"]);
    }

    [Fact]
    public void Csv_is_utf8_with_a_bom_and_keeps_chinese_commas_and_quotes()
    {
        var bytes = SpreadsheetExport.Csv(Headers, [["梨花小区，1号楼 \"东\"", 1]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(["梨花小区，1号楼 \"东\"", "1"], CsvLines(bytes)[1]);
    }

    [Fact]
    public void A_table_without_rows_still_has_its_header_in_both_formats()
    {
        Assert.Equal([Headers], CsvLines(SpreadsheetExport.Csv(Headers, [])));
        var sheet = MiniExcel.Query(new MemoryStream(SpreadsheetExport.Xlsx(Headers, [])), excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(Headers, Assert.Single(sheet).Values.Select(v => v?.ToString()));
    }

    [Fact]
    public void Download_picks_the_format_the_content_type_and_the_file_name()
    {
        object?[][] rows = [["=1", 2]];
        var xlsx = SpreadsheetExport.Download("XLSX", "ledger-X-1", Headers, rows);
        Assert.Equal(SpreadsheetExport.XlsxContentType, xlsx.ContentType);
        Assert.Equal("ledger-X-1.xlsx", xlsx.FileDownloadName);
        Assert.Equal("'=1", XlsxRows(xlsx.FileContents)[0]["名称"]);

        var csv = SpreadsheetExport.Download("csv", "ledger-X-1", [new Dictionary<string, object> { ["名称"] = "=1", ["金额"] = 2 }]);
        Assert.Equal(SpreadsheetExport.CsvContentType, csv.ContentType);
        Assert.Equal("ledger-X-1.csv", csv.FileDownloadName);
        Assert.Equal([["名称", "金额"], ["'=1", "2"]], CsvLines(csv.FileContents));
    }
}
