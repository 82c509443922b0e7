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
public class CostSharingModel(PortalDb db, FundingQueries queries, SetCostSharing costSharing, CampaignOpening opening, LateJoining lateJoining, TimeProvider clock,
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
    [BindProperty] public LateJoinModel LateJoin { get; set; } = new();
    [BindProperty] public CoefficientModel Coefficient { get; set; } = new();

    /// <summary>Where coefficients apply: "" the whole scope, "b:{building}" or "e:{building}:{entrance}".</summary>
    public sealed record Target(string Key, string Label, long? BuildingId, long? EntranceId);

    public List<Target> Targets { get; } = [];

    /// <summary>A published table for a target, or one coefficient of it.</summary>
    public sealed class CoefficientModel
    {
        public string? Target { get; set; }
        public EntryType Entry { get; set; } = EntryType.Level;
        public int? Floor { get; set; }
        public string? Value { get; set; }
    }

    /// <summary>The late-join rule (后加入): closed, the household's own part plus a percentage, or a fixed amount.</summary>
    public sealed class LateJoinModel
    {
        public LateJoinRule Rule { get; set; }
        public string? UpliftPercent { get; set; }
        public string? FixedYuan { get; set; }
    }

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
        _flats = flats;
        var buildingIds = flats.Select(f => f.Sharing.BuildingId).Distinct().ToList();
        var entranceIds = flats.Select(f => f.Sharing.EntranceId).Distinct().ToList();
        var buildings = await db.Set<Portal.Domain.Register.Building>().Where(b => buildingIds.Contains(b.Id)).OrderBy(b => b.Id).ToListAsync(ct);
        var entrances = await db.Set<Portal.Domain.Register.Entrance>().Where(e => entranceIds.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        Targets.Add(new Target("", t["Coefficient_TargetAll"], null, null));
        foreach (var b in buildings)
        {
            Targets.Add(new Target($"b:{b.Id}", t["Coefficient_TargetBuilding", b.Name], b.Id, null));
            foreach (var e in entrances.Where(e => e.BuildingId == b.Id))
                Targets.Add(new Target($"e:{b.Id}:{e.Id}", t["Coefficient_TargetEntrance", b.Name, e.Name], b.Id, e.Id));
        }
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
        LateJoin.Rule = Scheme?.LateJoin ?? LateJoinRule.Closed;
        LateJoin.UpliftPercent = (Scheme?.LateJoinUpliftPercent ?? 0).ToString(CultureInfo.InvariantCulture);
        LateJoin.FixedYuan = Scheme is { LateJoinFixedFen: > 0 } ? YuanInput(Scheme.LateJoinFixedFen) : "";
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

    private List<FlatInScope> _flats = [];

    /// <summary>Applies the published table for the target's height (its highest floor) and entry type.</summary>
    public async Task<IActionResult> OnPostApplyTableAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Scheme is null) { ModelState.AddModelError("", t["Plan_SaveFirst"]); return Page(); }
        var target = Targets.FirstOrDefault(x => x.Key == (Coefficient.Target ?? ""));
        if (target is null || !Enum.IsDefined(Coefficient.Entry)) { ModelState.AddModelError("", t["Coefficient_BadTarget"]); return Page(); }
        var floors = _flats.Where(f => (target.BuildingId is null || f.Sharing.BuildingId == target.BuildingId) && (target.EntranceId is null || f.Sharing.EntranceId == target.EntranceId))
            .Select(f => f.Sharing.Floor).DefaultIfEmpty(0).Max();
        if (floors < 1) { ModelState.AddModelError("", t["Coefficient_BadTarget"]); return Page(); }
        await costSharing.SetCoefficientsAsync(Item, target.BuildingId, target.EntranceId, FloorCoefficients.Published(Coefficient.Entry, floors), ct);
        TempData["Flash"] = t["Coefficient_TableApplied", t[$"EntryType_{Coefficient.Entry}"], floors, target.Label].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>Changes one floor's coefficient for the whole scope, one building or one entrance.</summary>
    public async Task<IActionResult> OnPostSetCoefficientAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Scheme is null) { ModelState.AddModelError("", t["Plan_SaveFirst"]); return Page(); }
        var target = Targets.FirstOrDefault(x => x.Key == (Coefficient.Target ?? ""));
        if (target is null) ModelState.AddModelError("", t["Coefficient_BadTarget"]);
        if (Coefficient.Floor is not (>= -5 and <= 200)) ModelState.AddModelError("Coefficient.Floor", t["Coefficient_BadFloor"]);
        if (!FloorCoefficients.TryParse(Coefficient.Value, out var thousandths))
            ModelState.AddModelError("Coefficient.Value", t["Plan_BadCoefficient", Coefficient.Floor ?? 0]);
        if (!ModelState.IsValid) return Page();
        await costSharing.SetCoefficientsAsync(Item, target!.BuildingId, target.EntranceId, new Dictionary<int, int> { [Coefficient.Floor!.Value] = thousandths }, ct);
        TempData["Flash"] = t["Coefficient_Set", target.Label, Coefficient.Floor!.Value, FloorCoefficients.Format(thousandths)].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    public async Task<IActionResult> OnPostLateJoinAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Scheme is null) { ModelState.AddModelError("", t["Plan_SaveFirst"]); return Page(); }
        if (!Enum.IsDefined(LateJoin.Rule)) ModelState.AddModelError("LateJoin.Rule", t["LateJoin_BadRule"]);
        var percent = Scheme.LateJoinUpliftPercent;
        if (LateJoin.Rule == LateJoinRule.ShareWithUplift
            && (!int.TryParse(LateJoin.UpliftPercent?.Trim().TrimEnd('%', '％'), NumberStyles.None, CultureInfo.InvariantCulture, out percent) || percent > CostSharingScheme.MaxUpliftPercent))
            ModelState.AddModelError("LateJoin.UpliftPercent", t["LateJoin_BadPercent", CostSharingScheme.MaxUpliftPercent]);
        var fixedFen = Scheme.LateJoinFixedFen;
        if (LateJoin.Rule == LateJoinRule.FixedAmount && (!Money.TryParseYuan(LateJoin.FixedYuan, out fixedFen) || fixedFen <= 0))
            ModelState.AddModelError("LateJoin.FixedYuan", t["LateJoin_BadFixed"]);
        if (!ModelState.IsValid) return Page();
        await lateJoining.SetRuleAsync(Item.Id, LateJoin.Rule, percent, fixedFen, ct);
        TempData["Flash"] = t[LateJoin.Rule == LateJoinRule.Closed ? "LateJoin_ClosedFlash" : "LateJoin_SavedFlash"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
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
