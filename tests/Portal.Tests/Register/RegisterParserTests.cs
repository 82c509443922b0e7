using System.Text;
using MiniExcelLibs;
using Portal.Domain.Register;

namespace Portal.Tests.Register;

public sealed class RegisterParserTests
{
    private const string Header = "building,entrance,floor,room,area_m2,owner_key,owner_name,phone";

    private static RegisterFile Parse(string text, Encoding? encoding = null) =>
        RegisterParser.Parse((encoding ?? new UTF8Encoding(false)).GetBytes(text), "register.csv");

    private static List<string> Errors(RegisterFile file) => file.Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void A_valid_file_gives_flats_owners_and_exact_area()
    {
        var file = Parse($"{Header}\n1,1,1,101,72.5,O1,王秀英,13900000001\n1,1,1,102,60.25,O1,王秀英,\n2,1,3,301,88,DEV,开发公司,\n");
        Assert.True(file.IsValid, string.Join("; ", Errors(file)));
        Assert.Equal(3, file.Flats);
        Assert.Equal(2, file.Buildings);
        Assert.Equal(2, file.Owners);
        Assert.Equal(7_250 + 6_025 + 8_800, file.TotalAreaCents);
        Assert.Equal(4, file.Rows[2].Line);
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_extra_columns_and_a_bom()
    {
        var text = "\uFEFFnote,owner_name,phone,owner_key,area_m2,room,floor,entrance,building,area_source\nx,李明,,K1,50.00,201,2,东,3,实测\n";
        var file = RegisterParser.Parse(Encoding.UTF8.GetPreamble().Concat(new UTF8Encoding(false).GetBytes(text[1..])).ToArray());
        Assert.True(file.IsValid, string.Join("; ", Errors(file)));
        var row = Assert.Single(file.Rows);
        Assert.Equal(("3", "东", "201", 2, 5_000L, AreaSource.Surveyed, "K1", "李明"),
            (row.Building, row.Entrance, row.Room, row.Floor, row.AreaCents, row.AreaSource, row.OwnerKey, row.OwnerName));
    }

    [Fact]
    public void A_gb18030_file_from_excel_on_chinese_windows_is_detected()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Parse($"{Header}\n1,1,1,101,72.50,O1,王秀英,\n", Encoding.GetEncoding("GB18030"));
        Assert.True(file.IsValid, string.Join("; ", Errors(file)));
        Assert.Equal("王秀英", file.Rows[0].OwnerName);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_the_file_is_refused()
    {
        var file = Parse(Header + "\n" +
                         "1,1,1,101,72.5,O1,王秀英,\n" +      // line 2 ok
                         "1,1,1,102,0,O2,李明,\n" +           // 3 area not positive
                         "1,1,1,103,50.123,O3,张三,\n" +       // 4 three decimals
                         "1,1,1,101,50,O4,赵四,\n" +          // 5 duplicate of line 2
                         "1,1,x,104,50,,钱五,\n" +            // 6 bad floor, empty owner_key
                         "1,1,2,201,50,O1,王大妈,\n" +         // 7 O1 with another name
                         "1,1,2,202,abc,O5,孙六,\n");         // 8 not a number
        Assert.False(file.IsValid);
        Assert.Empty(file.Rows);
        var errors = Errors(file);
        Assert.Contains(errors, e => e.StartsWith("line 3: area_m2 '0'"));
        Assert.Contains(errors, e => e.StartsWith("line 4: area_m2 '50.123'"));
        Assert.Contains("line 5: flat 1-1-101 is already on line 2", errors);
        Assert.Contains(errors, e => e.StartsWith("line 6: floor 'x'"));
        Assert.Contains("line 6: owner_key is empty", errors);
        Assert.Contains("line 7: owner_key O1 is '王大妈' here but '王秀英' on line 2", errors);
        Assert.Contains(errors, e => e.StartsWith("line 8: area_m2 'abc'"));
        Assert.DoesNotContain(errors, e => e.StartsWith("line 2:"));
    }

    [Fact]
    public void A_missing_required_column_is_reported_on_line_one()
    {
        var file = Parse("building,entrance,floor,room,owner_key,owner_name,phone\n1,1,1,101,O1,王,\n");
        Assert.Equal(["line 1: missing required column(s): area_m2"], Errors(file));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void An_empty_file_is_refused(string text) =>
        Assert.Equal(["line 1: the file is empty"], Errors(Parse(text)));

    [Fact]
    public void A_header_without_flats_is_refused() =>
        Assert.Equal(["line 2: the file has no flats below the header"], Errors(Parse(Header + "\n")));

    [Fact]
    public void Binary_garbage_is_refused_as_unreadable()
    {
        var file = RegisterParser.Parse([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5], "x.xlsx");
        Assert.Equal(["line 1: the file could not be read as CSV or .xlsx"], Errors(file));
    }

    [Fact]
    public void Quoted_cells_and_blank_lines_keep_the_line_numbers()
    {
        var file = Parse($"{Header}\n\n\"1\",\"1\",1,\"101\",\"50\",O1,\"王, 秀英\",\n1,1,1,101,50,O2,李,\n");
        Assert.Equal(["line 4: flat 1-1-101 is already on line 3"], Errors(file));
    }

    [Fact]
    public void An_xlsx_register_is_read_like_a_csv()
    {
        using var stream = new MemoryStream();
        var rows = new[]
        {
            new Dictionary<string, object> { ["building"] = "1", ["entrance"] = "1", ["floor"] = 1, ["room"] = "101", ["area_m2"] = 72.55, ["owner_key"] = "O1", ["owner_name"] = "王秀英", ["phone"] = "139", ["area_source"] = "合同" },
            new Dictionary<string, object> { ["building"] = "1", ["entrance"] = "1", ["floor"] = 2, ["room"] = "201", ["area_m2"] = -3, ["owner_key"] = "O2", ["owner_name"] = "李明", ["phone"] = "", ["area_source"] = "" },
        };
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        var bytes = stream.ToArray();

        var file = RegisterParser.Parse(bytes, "register.xlsx");
        Assert.Equal(["line 3: area_m2 '-3' is not a positive number with at most two decimals"], Errors(file));

        rows[1]["area_m2"] = 64;
        using var fixedStream = new MemoryStream();
        fixedStream.SaveAs(rows, excelType: ExcelType.XLSX);
        var good = RegisterParser.Parse(fixedStream.ToArray(), "register.xlsx");
        Assert.True(good.IsValid, string.Join("; ", Errors(good)));
        Assert.Equal(7_255 + 6_400, good.TotalAreaCents);
        Assert.Equal(AreaSource.Contract, good.Rows[0].AreaSource);
    }
}
