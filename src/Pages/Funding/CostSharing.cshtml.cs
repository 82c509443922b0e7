using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Funding;
using Portal.Features.Shared;

namespace Portal.Pages.Funding;

/// <summary>The committee sets a plan item's cost, sources and cost sharing, sees the allocation table and opens the campaign.</summary>
[Requires(Capability.ManageFunding)]
public class CostSharingModel(PortalDb db, FundingQueries queries, SetCostSharing costSharing, CampaignOpening opening, TimeProvider clock,
    IStringLocalizer<FundingText> t) : FundingPageModel
{
    public static readonly FundingSource[] OutsideSources = Enum.GetValues<FundingSource>().Where(s => s is not FundingSource.Residents and not FundingSource.MaintenanceFund).ToArray();

    public CostSharingScheme? Scheme { get; private set; }
    public Campaign? Campaign { get; private set; }
    public IReadOnlyList<AllocationLine> Table { get; private set; } = [];
    public List<int> Floors { get; private set; } = [];
    public List<string> ImportErrors { get; } = [];

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public OpenModel Open { get; set; } = new();

    public sealed class InputModel
    {
        public string? TotalYuan { get; set; }
        public Dictionary<string, string?> SourceYuan { get; set; } = new();
        public CostSharingMethod Method { get; set; } = CostSharingMethod.FloorCoefficient;
        public Dictionary<int, string?> Coefficients { get; set; } = new();
    }

    public sealed class OpenModel
    {
        public string? GoalYuan { get; set; }
        public DateTime? Deadline { get; set; }
        public CampaignMode Mode { get; set; } = CampaignMode.AllOrNothing;
        public string? MinimumYuan { get; set; }
    }

    private async Task<bool> LoadAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadItemAsync(db, planItemId, ct)) return false;
        Scheme = await queries.SchemeAsync(planItemId, ct);
        Campaign = await queries.CampaignAsync(planItemId, ct);
        var flats = await queries.FlatsInScopeAsync(Item, ct);
        Floors = flats.Select(f => f.Sharing.Floor).Distinct().Order().ToList();
        if (Scheme is not null)
        {
            Table = HouseholdQuote.Table(Scheme, flats, out var refusal);
            if (refusal is not null)
            {
                var text = t[Portal.Web.DomainErrorPageFilter.ErrorKey(refusal)];
                ModelState.AddModelError("", text.ResourceNotFound ? t["Error_Generic"] : text);
            }
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        Input.TotalYuan = YuanInput(Scheme?.TotalCostFen ?? Item.BudgetFen ?? 0);
        Input.Method = Scheme?.Method ?? CostSharingMethod.FloorCoefficient;
        foreach (var s in OutsideSources)
            Input.SourceYuan[s.ToString()] = YuanInput(Scheme?.Sources.FirstOrDefault(x => x.Source == s)?.AmountFen ?? 0);
        foreach (var floor in Floors)
            Input.Coefficients[floor] = FloorCoefficients.Format(Scheme?.Coefficients.FirstOrDefault(c => c.BuildingId == null && c.EntranceId == null && c.Floor == floor)?.Thousandths
                                                                ?? FloorCoefficients.Default(floor));
        // The goal is what the paying households give: the residents' share plus any low-floor compensation paid out of it.
        Open.GoalYuan = YuanInput(Scheme is null ? 0
            : Scheme.Method != CostSharingMethod.Voluntary && Table.Count > 0 ? Table.Where(l => l.ShareFen > 0).Sum(l => l.ShareFen)
            : Scheme.ResidentsShareFen);
        Open.Deadline = Features.Shared.Shanghai.ToLocal(clock.GetUtcNow().AddDays(30)).Date;
        Open.MinimumYuan = "0.00";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (!Money.TryParseYuan(Input.TotalYuan, out var total))
            ModelState.AddModelError("Input.TotalYuan", t["Plan_BadAmount"]);
        var sources = new Dictionary<FundingSource, long>();
        foreach (var s in OutsideSources)
        {
            var text = Input.SourceYuan.GetValueOrDefault(s.ToString());
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (Money.TryParseYuan(text, out var fen)) sources[s] = fen;
            else ModelState.AddModelError($"Input.SourceYuan[{s}]", t["Plan_BadAmount"]);
        }
        var coefficients = new Dictionary<int, int>();
        foreach (var (floor, text) in Input.Coefficients)
        {
            if (FloorCoefficients.TryParse(text, out var th) && floor is >= -5 and <= 200) coefficients[floor] = th;
            else ModelState.AddModelError($"Input.Coefficients[{floor}]", t["Plan_BadCoefficient", floor]);
        }
        if (!ModelState.IsValid) return Page();
        await costSharing.SaveAsync(Item, new SetCostSharing.Terms(total, sources, Input.Method, coefficients), ct);
        TempData["Flash"] = t["Plan_Saved"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>Imports the custom sharing table: columns flat (1-1-301) and amount in yuan; any bad line refuses the whole file.</summary>
    public async Task<IActionResult> OnPostImportAsync(long planItemId, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Scheme is null) { ModelState.AddModelError("", t["Plan_SaveFirst"]); return Page(); }
        if (file is null || file.Length == 0) { ModelState.AddModelError("", t["Import_NoFile"]); return Page(); }
        var flats = (await queries.FlatsInScopeAsync(Item, ct)).ToDictionary(f => f.Label, f => f.Sharing.FlatId);
        var rows = await ReadRowsAsync(file, ct);
        if (rows is null) { ModelState.AddModelError("", t["Import_Unreadable"]); return Page(); }
        var shares = new List<CustomShare>();
        var seen = new HashSet<long>();
        foreach (var (line, label, amount) in rows)
        {
            if (string.IsNullOrWhiteSpace(label) || !flats.TryGetValue(label.Trim(), out var flatId))
                ImportErrors.Add(t["Import_UnknownFlat", line, label ?? ""]);
            else if (!TryParseShare(amount, out var fen))
                ImportErrors.Add(t["Import_BadAmount", line, amount ?? ""]);
            else if (!seen.Add(flatId))
                ImportErrors.Add(t["Import_Duplicate", line, label]);
            else shares.Add(new CustomShare(flatId, fen));
        }
        if (rows.Count == 0) ImportErrors.Add(t["Import_Empty"]);
        if (shares.Count > 0 && shares.All(s => s.AmountFen == 0)) ImportErrors.Add(t["Import_AllZero"]);
        if (ImportErrors.Count > 0) return Page();
        await costSharing.ImportCustomTableAsync(Item.Id, shares, ct);
        TempData["Flash"] = t["Import_Done", shares.Count].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>A yuan amount of a custom table; a leading minus is compensation paid to the flat (低层补偿).</summary>
    private static bool TryParseShare(string? text, out long fen)
    {
        var trimmed = text?.Trim() ?? "";
        var negative = trimmed.StartsWith('-');
        if (!Money.TryParseYuan(negative ? trimmed[1..] : trimmed, out fen)) return false;
        if (negative) fen = -fen;
        return true;
    }

    /// <summary>Rows below the header: flat label and amount, from CSV (UTF-8 or GB18030) or .xlsx; null when unreadable.</summary>
    private static async Task<List<(int Line, string? Flat, string? Amount)>?> ReadRowsAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(buffer, ct);
        try
        {
            return TabularFile.Read(buffer.ToArray(), file.FileName).Skip(1)
                .Select(r => (r.Line, r.Cells.ElementAtOrDefault(0), r.Cells.ElementAtOrDefault(1)))
                .ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<IActionResult> OnPostOpenAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (!Money.TryParseYuan(Open.GoalYuan, out var goal)) ModelState.AddModelError("Open.GoalYuan", t["Plan_BadAmount"]);
        if (!Money.TryParseYuan(string.IsNullOrWhiteSpace(Open.MinimumYuan) ? "0" : Open.MinimumYuan, out var minimum)) ModelState.AddModelError("Open.MinimumYuan", t["Plan_BadAmount"]);
        if (Open.Deadline is null) ModelState.AddModelError("Open.Deadline", t["Open_DeadlineRequired"]);
        if (!ModelState.IsValid) return Page();
        // The deadline is the end of the chosen day in Shanghai.
        var deadline = Features.Shared.Shanghai.FromLocal(Open.Deadline!.Value.Date.AddDays(1).AddSeconds(-1));
        await opening.OpenAsync(Item.Id, goal, deadline, Open.Mode, minimum, CurrentUserId!, ct);
        TempData["Flash"] = t["Open_Done"].Value;
        return RedirectToPage("/Funding/Campaign", new { compound = Compound.Code, planItemId });
    }

    public async Task<IActionResult> OnGetExportAsync(long planItemId, string format, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Scheme is null) return NotFound();
        var rows = Table.Select(l => new Dictionary<string, object>
        {
            [t["Table_Flat"]] = l.Label,
            [t["Table_Floor"]] = l.Floor,
            [t["Table_Area"]] = ExclusiveArea.Format(l.AreaCents),
            [t["Table_Coefficient"]] = FloorCoefficients.Format(l.CoefficientThousandths),
            [t["Table_Cost"]] = YuanInput(l.CostFen),
            [t["Table_Covered"]] = YuanInput(l.CoveredFen),
            [t["Table_Share"]] = YuanInput(l.ShareFen),
        }).ToList();
        var name = $"allocation-{Compound.Code}-{Item.Id}";
        return SpreadsheetExport.Download(format, name, rows);
    }
}
