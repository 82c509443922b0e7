using System.Net;
using MiniExcelLibs;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Tests.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Shared;

/// <summary>What a committee member types reaches the downloads defused, in both formats.</summary>
public sealed class ExportPageTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_payee_typed_as_a_formula_is_text_in_the_ledger_csv_and_xlsx()
    {
        var s = await FundingScenario.CreateAsync(Factory, "EXP1");
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/ledger";
        const string payee = "=HYPERLINK(\"http://evil.example\",\"发票\")";
        var posted = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["NewExpense.AmountYuan"] = "600",
            ["NewExpense.Payee"] = payee,
            ["NewExpense.Description"] = "@SUM(1)",
        }, "#expense-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var csv = await committee.GetAsync(url + "?handler=Export&format=csv");
        Assert.Equal(SpreadsheetExport.CsvContentType, csv.Content.Headers.ContentType!.ToString());
        Assert.Equal($"ledger-{s.Compound.Code}-{s.PlanItemId}.csv", csv.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = TabularFile.Read(await csv.Content.ReadAsByteArrayAsync(), "ledger.csv");
        var expense = Assert.Single(lines, l => l.Cells.Contains("'" + payee)).Cells;
        Assert.Contains("'@SUM(1)", expense);
        Assert.Contains("-600.00", expense);

        var xlsx = await committee.GetAsync(url + "?handler=Export&format=xlsx");
        Assert.Equal(SpreadsheetExport.XlsxContentType, xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"ledger-{s.Compound.Code}-{s.PlanItemId}.xlsx", xlsx.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => r.Values.Contains("'" + payee));
        Assert.Contains("'@SUM(1)", row.Values);
        Assert.Contains("-600.00", row.Values);
    }
}
