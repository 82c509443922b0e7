using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Domain.City;
using Portal.Domain.Funding;
using Portal.Domain.Residents;

using Portal.Features.City;
using Portal.Features.Shared;

namespace Portal.Pages.City;

/// <summary>The city dashboard: every compound of the officer's city (or district) in the renovation programme.</summary>
[Requires(Capability.ViewCityDashboard)]
public class IndexModel(CitySummaryQuery query, IStringLocalizer<CityText> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? District { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public CityView View { get; private set; } = null!;
    /// <summary>How long the rendered table is reused (<c>City:CacheSeconds</c>); zero: not cached.</summary>
    public TimeSpan CacheFor => query.CacheFor;
    public CityFilter Filter { get; private set; } = null!;
    public CitySummary Summary { get; private set; } = null!;
    public IReadOnlyList<ProgrammeRow> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<string> Districts { get; private set; } = [];

    private async Task<bool> LoadViewAsync(CancellationToken ct)
    {
        var view = await query.ViewForAsync(User, City, ct);
        if (view is null) return false;
        View = view;
        Filter = view.Filter(District, Year);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadViewAsync(ct)) return Forbid();
        var data = await query.DashboardAsync(Filter, ct);
        (Summary, Rows, Years, Districts) = (data.Summary, data.Rows, data.Years, data.Districts);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => await ExportAsync("csv", ct);

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await ExportAsync("xlsx", ct);

    private async Task<IActionResult> ExportAsync(string format, CancellationToken ct)
    {
        if (!await LoadViewAsync(ct)) return Forbid();
        var rows = await query.RowsAsync(Filter, ct);
        return SpreadsheetExport.Download(format, FileName(), Headers(), rows.Select(Cells));
    }

    private string FileName() =>
        $"city-{Filter.City}{(Filter.District is null ? "" : "-" + Filter.District)}{(Filter.ProgrammeYear is null ? "" : "-" + Filter.ProgrammeYear)}";

    private List<string> Headers() =>
    [
        T["Column_Code"], T["Column_Name"], T["Column_District"], T["Column_Year"], T["Column_Level"], T["Column_Status"],
        T["Column_Buildings"], T["Column_Households"], T["Column_FloorArea"], T["Column_PlannedInvestment"], T["Column_FundsSecured"],
    ];

    private object[] Cells(ProgrammeRow r) =>
    [
        r.Code, r.Name, r.District, r.ProgrammeYear, LevelLabel(r.Level), StatusLabel(r.Status),
        r.Buildings, r.Households, r.FloorAreaCents / 100m, r.PlannedInvestmentFen / 100m, r.FundsSecuredFen / 100m,
    ];

    /// <summary>What the rendered table depends on besides the language.</summary>
    public string CacheKey => $"{Filter.City}|{Filter.District}|{Filter.ProgrammeYear}|{(Filter.AllowedDistricts is null ? "*" : string.Join(",", Filter.AllowedDistricts))}";

    public string StatusLabel(ProgrammeStatus s) => T[$"Status_{s}"];
    public string LevelLabel(TaskLevel l) => T[$"Level_{l}"];
    public string SourceLabel(string source) => T[$"Source_{source}"];

    /// <summary>Chart data for the inline script: labels already translated.</summary>
    public object ChartData() => new
    {
        status = new
        {
            labels = new[] { StatusLabel(ProgrammeStatus.Planned), StatusLabel(ProgrammeStatus.InProgress), StatusLabel(ProgrammeStatus.Completed) },
            values = new[] { Summary.Planned, Summary.InProgress, Summary.Completed },
        },
        funds = new
        {
            labels = Summary.FundsSecuredFen.Keys.Select(SourceLabel).ToArray(),
            values = Summary.FundsSecuredFen.Values.Select(v => v / 1_000_000m).ToArray(),
            unit = T["Unit_WanYuan"].Value,
        },
        districts = new
        {
            labels = Summary.Districts.Select(d => d.District).ToArray(),
            sets = new[]
            {
                new { label = StatusLabel(ProgrammeStatus.Completed), values = Summary.Districts.Select(d => d.Completed).ToArray() },
                new { label = StatusLabel(ProgrammeStatus.InProgress), values = Summary.Districts.Select(d => d.InProgress).ToArray() },
                new { label = StatusLabel(ProgrammeStatus.Planned), values = Summary.Districts.Select(d => d.Planned).ToArray() },
            },
        },
    };

    public static IEnumerable<FundingSource> Sources => Enum.GetValues<FundingSource>();
}
