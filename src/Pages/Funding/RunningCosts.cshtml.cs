using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Features.Funding;
using Portal.Features.Shared;
using Portal.Files;

namespace Portal.Pages.Funding;

/// <summary>
/// The committee's running costs (运行维护费) of a finished plan item: issues the year's bill (cost lines and the
/// bill's own sharing table), sees every flat's charge and records transfer or cash payments against it.
/// </summary>
[Requires(Capability.ManageFunding)]
public class RunningCostsModel(PortalDb db, FundingQueries queries, RunningCostQueries bills, IssueRunningCostBill issue,
    RecordRunningCostPayment payments, TimeProvider clock, IStringLocalizer<FundingText> t, IStringLocalizer<FilesText> filesText) : FundingPageModel
{
    public const int LineRows = 5;
    public static readonly CostSharingMethod[] Methods =
        [CostSharingMethod.EqualPerFlat, CostSharingMethod.ByArea, CostSharingMethod.FloorCoefficient, CostSharingMethod.CustomTable];

    /// <summary>What the treasurer records by hand; card payments are booked by Stripe's signed event.</summary>
    public static readonly RunningCostPaymentChannel[] TreasurerChannels = [RunningCostPaymentChannel.BankTransfer, RunningCostPaymentChannel.Cash];

    public List<RunningCostBill> Bills { get; private set; } = [];
    public List<FlatInScope> Flats { get; private set; } = [];
    public Dictionary<long, string> Labels { get; private set; } = [];
    public List<int> Floors { get; private set; } = [];
    public bool Finished { get; private set; }

    [BindProperty] public BillInput Input { get; set; } = new();
    [BindProperty] public PaymentInput Payment { get; set; } = new();

    public sealed class BillInput
    {
        public int? Year { get; set; }
        public CostSharingMethod Method { get; set; } = CostSharingMethod.EqualPerFlat;
        public List<string?> LineNames { get; set; } = [];
        public List<string?> LineYuan { get; set; } = [];
        public Dictionary<int, string?> Coefficients { get; set; } = new();
        public Dictionary<long, string?> CustomYuan { get; set; } = new();
    }

    public sealed class PaymentInput
    {
        public long ChargeId { get; set; }
        public string? AmountYuan { get; set; }
        public RunningCostPaymentChannel Channel { get; set; } = RunningCostPaymentChannel.BankTransfer;
        public DateOnly? PaidOn { get; set; }
        public string? Reference { get; set; }
    }

    private async Task<bool> LoadAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadItemAsync(db, planItemId, ct)) return false;
        Finished = IssueRunningCostBill.IsFinished(Item);
        Bills = await bills.BillsAsync(planItemId, ct);
        Flats = await queries.FlatsInScopeAsync(Item, ct);
        Labels = Flats.ToDictionary(f => f.Sharing.FlatId, f => f.Label);
        Floors = Flats.Select(f => f.Sharing.Floor).Distinct().Order().ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        var today = Shanghai.ToLocal(clock.GetUtcNow());
        var last = Bills.FirstOrDefault();
        Input.Year = last is null ? today.Year : Math.Max(today.Year, last.Year + 1);
        Input.Method = last?.Method ?? CostSharingMethod.EqualPerFlat;
        // Last year's lines as a start: the same contracts usually run on.
        var names = last?.Lines.Select(l => l.Name).ToList() ?? [t["RunningCost_DefaultElectricity"], t["RunningCost_DefaultMaintenance"], t["RunningCost_DefaultInspection"]];
        Input.LineNames = names.Cast<string?>().ToList();
        Input.LineYuan = last?.Lines.Select(l => (string?)YuanInput(l.AmountFen)).ToList() ?? [];
        // Coefficients: last year's bill's own, else the construction's (compensation does not carry over to running costs).
        var scheme = await queries.SchemeAsync(planItemId, ct);
        var flats = Flats.ToDictionary(f => f.Sharing.FlatId, f => f.Sharing);
        var lastByFloor = last?.Method == CostSharingMethod.FloorCoefficient
            ? last.Charges.Where(c => flats.TryGetValue(c.FlatId, out var f) && f.ExclusiveAreaCents > 0)
                .GroupBy(c => flats[c.FlatId].Floor).ToDictionary(g => g.Key, g => (int)(g.First().Weight / flats[g.First().FlatId].ExclusiveAreaCents))
            : new Dictionary<int, int>();
        foreach (var floor in Floors)
            Input.Coefficients[floor] = FloorCoefficients.Format(lastByFloor.TryGetValue(floor, out var th) ? th
                : Math.Max(0, scheme?.Coefficients.FirstOrDefault(c => c.BuildingId == null && c.EntranceId == null && c.Floor == floor)?.Thousandths ?? FloorCoefficients.Default(floor)));
        if (last?.Method == CostSharingMethod.CustomTable)
            foreach (var c in last.Charges) Input.CustomYuan[c.FlatId] = YuanInput(c.AmountFen);
        Payment.PaidOn = DateOnly.FromDateTime(today.Date);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Input.Year is not { } year || year is < RunningCostBill.MinYear or > RunningCostBill.MaxYear)
            ModelState.AddModelError("Input.Year", t["RunningCost_BadYear", RunningCostBill.MinYear, RunningCostBill.MaxYear]);
        if (!Methods.Contains(Input.Method)) ModelState.AddModelError("Input.Method", t["RunningCost_BadMethod"]);
        else if (Input.Year is { } billed && Bills.Any(b => b.Year == billed))
            ModelState.AddModelError("", t["Error_running_cost_year_billed"]);

        var lines = new List<(string, long)>();
        for (var i = 0; i < Math.Max(Input.LineNames.Count, Input.LineYuan.Count); i++)
        {
            var name = Input.LineNames.ElementAtOrDefault(i)?.Trim();
            var amount = Input.LineYuan.ElementAtOrDefault(i)?.Trim();
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(amount)) continue;
            if (string.IsNullOrEmpty(name)) ModelState.AddModelError("", t["RunningCost_LineNameRequired", i + 1]);
            else if (string.IsNullOrEmpty(amount)) ModelState.AddModelError("", t["RunningCost_LineAmountRequired", i + 1, name]);
            else if (!Money.TryParseYuan(amount, out var fen) || fen <= 0) ModelState.AddModelError("", t["RunningCost_LineBadAmount", i + 1, name]);
            else lines.Add((name, fen));
        }
        if (lines.Count == 0 && ModelState.IsValid) ModelState.AddModelError("", t["RunningCost_NoLines"]);

        var coefficients = new Dictionary<int, int>();
        if (Input.Method == CostSharingMethod.FloorCoefficient)
            foreach (var (floor, text) in Input.Coefficients)
            {
                if (FloorCoefficients.TryParse(text, out var th) && th >= 0) coefficients[floor] = th;
                else ModelState.AddModelError($"Input.Coefficients[{floor}]", t["RunningCost_BadCoefficient", floor]);
            }
        var custom = new Dictionary<long, long>();
        if (Input.Method == CostSharingMethod.CustomTable)
            foreach (var f in Flats)
            {
                var text = Input.CustomYuan.GetValueOrDefault(f.Sharing.FlatId);
                if (string.IsNullOrWhiteSpace(text)) { custom[f.Sharing.FlatId] = 0; continue; }
                if (Money.TryParseYuan(text, out var fen)) custom[f.Sharing.FlatId] = fen;
                else ModelState.AddModelError($"Input.CustomYuan[{f.Sharing.FlatId}]", t["RunningCost_BadShare", f.Label]);
            }
        if (!ModelState.IsValid) return Page();
        var bill = await issue.IssueAsync(Item, new IssueRunningCostBill.Terms(Input.Year!.Value, Input.Method, lines, coefficients, custom), CurrentUserId!, ct);
        TempData["Flash"] = t["RunningCost_Issued", bill.Year, Yuan(bill.TotalFen), bill.Charges.Count].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>The treasurer records a transfer or cash payment (with an optional receipt photo) against one flat's charge.</summary>
    public async Task<IActionResult> OnPostRecordPaymentAsync(long planItemId, IFormFile? receipt, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (!Bills.SelectMany(b => b.Charges).Any(c => c.Id == Payment.ChargeId)) return NotFound();
        if (!Money.TryParseYuan(Payment.AmountYuan, out var amount) || amount <= 0)
            ModelState.AddModelError("Payment.AmountYuan", t["Pledge_BadAmount"]);
        if (Payment.PaidOn is null) ModelState.AddModelError("Payment.PaidOn", t["Payment_DateRequired"]);
        if (string.IsNullOrWhiteSpace(Payment.Reference)) ModelState.AddModelError("Payment.Reference", t["Payment_ReferenceRequired"]);
        if (!TreasurerChannels.Contains(Payment.Channel)) ModelState.AddModelError("Payment.Channel", t["RunningCost_BadChannel"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            await payments.RecordAsync(Compound.Id, Payment.ChargeId, amount, Payment.Channel, Payment.PaidOn!.Value, Payment.Reference!, receipt, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError("", filesText[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = t["Payment_Recorded"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }
}
