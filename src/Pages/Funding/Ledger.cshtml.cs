using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Funding;

namespace Portal.Pages.Funding;

/// <summary>The public ledger of a plan item: money in by source and household, expenses with their approval, the balance.</summary>
[Requires(Capability.ViewCompound)]
public class LedgerModel(PortalDb db, FundingQueries queries, RecordSourceIncome sourceIncome, EnterExpense enterExpense,
    ApproveExpense approveExpense, RejectExpense rejectExpense, IStringLocalizer<FundingText> t, IStringLocalizer<FilesText> filesText) : FundingPageModel
{
    public List<LedgerEntry> Entries { get; private set; } = [];
    public List<Expense> Expenses { get; private set; } = [];
    public long Balance { get; private set; }
    public long IncomeFen => Entries.Where(e => e.Kind != LedgerEntryKind.Refund).Sum(e => e.AmountFen);
    public long RefundsFen => Entries.Where(e => e.Kind == LedgerEntryKind.Refund).Sum(e => e.AmountFen);
    public long SpentFen => Expenses.Where(e => e.Status == ExpenseStatus.Approved).Sum(e => e.AmountFen);
    public Dictionary<FundingSource, long> BySource { get; private set; } = [];
    public Portal.Domain.Funding.Campaign? Campaign { get; private set; }
    public long RaisedFen { get; private set; }
    public int Households { get; private set; }

    [BindProperty] public IncomeInput Income { get; set; } = new();
    [BindProperty] public ExpenseInput NewExpense { get; set; } = new();

    public sealed class IncomeInput
    {
        public FundingSource Source { get; set; } = FundingSource.CentralSubsidy;
        public string? AmountYuan { get; set; }
        public string? Description { get; set; }
    }

    public sealed class ExpenseInput
    {
        public string? AmountYuan { get; set; }
        public string? Payee { get; set; }
        public string? Description { get; set; }
    }

    private async Task<bool> LoadAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadItemAsync(db, planItemId, ct)) return false;
        Entries = await db.Set<LedgerEntry>().Where(e => e.PlanItemId == planItemId).OrderBy(e => e.Id).ToListAsync(ct);
        Expenses = await db.Set<Expense>().Where(e => e.PlanItemId == planItemId).OrderBy(e => e.Id).ToListAsync(ct);
        Balance = Ledger.Balance(Entries, Expenses);
        BySource = Entries.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Sum(e => e.BalanceEffectFen));
        Campaign = await queries.CampaignAsync(planItemId, ct);
        if (Campaign is not null) (RaisedFen, Households, _) = await queries.RaisedAsync(Campaign.Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long planItemId, CancellationToken ct) =>
        await LoadAsync(planItemId, ct) ? Page() : NotFound();

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostIncomeAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (!Money.TryParseYuan(Income.AmountYuan, out var amount) || amount <= 0) ModelState.AddModelError("Income.AmountYuan", t["Pledge_BadAmount"]);
        if (!ModelState.IsValid) return Page();
        await sourceIncome.RecordAsync(Compound.Id, Item.Id, Income.Source, amount, Income.Description ?? "", CurrentUserId!, ct);
        TempData["Flash"] = t["Ledger_IncomeRecorded"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostExpenseAsync(long planItemId, IFormFile? invoice, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (!Money.TryParseYuan(NewExpense.AmountYuan, out var amount) || amount <= 0) ModelState.AddModelError("NewExpense.AmountYuan", t["Pledge_BadAmount"]);
        if (string.IsNullOrWhiteSpace(NewExpense.Payee)) ModelState.AddModelError("NewExpense.Payee", t["Expense_PayeeRequired"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            await enterExpense.EnterAsync(Item, amount, NewExpense.Payee!, NewExpense.Description ?? "", invoice, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError("", filesText[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = t["Expense_Entered"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostApproveAsync(long planItemId, long expenseId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Expenses.All(e => e.Id != expenseId)) return NotFound();
        await approveExpense.ApproveAsync(expenseId, CurrentUserId!, ct);
        TempData["Flash"] = t["Expense_Approved"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostRejectAsync(long planItemId, long expenseId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        if (Expenses.All(e => e.Id != expenseId)) return NotFound();
        await rejectExpense.RejectAsync(expenseId, CurrentUserId!, ct);
        TempData["Flash"] = t["Expense_Rejected"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>The whole ledger (income, refunds and expenses with their status) as CSV or .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(long planItemId, string format, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        var rows = Entries.Select(e => new Dictionary<string, object>
            {
                [t["Ledger_Date"]] = Shanghai.FormatDate(e.At),
                [t["Ledger_Kind"]] = t[$"LedgerKind_{e.Kind}"].Value,
                [t["Ledger_Source"]] = t[$"Source_{e.Source}"].Value,
                [t["Ledger_Description"]] = Describe(e),
                [t["Ledger_Amount"]] = YuanInput(e.BalanceEffectFen),
                [t["Ledger_Status"]] = "",
            })
            .Concat(Expenses.Select(x => new Dictionary<string, object>
            {
                [t["Ledger_Date"]] = Shanghai.FormatDate(x.EnteredAt),
                [t["Ledger_Kind"]] = t["LedgerKind_Expense"].Value,
                [t["Ledger_Source"]] = x.Payee,
                [t["Ledger_Description"]] = x.Description,
                [t["Ledger_Amount"]] = YuanInput(-x.AmountFen),
                [t["Ledger_Status"]] = t[$"ExpenseStatus_{x.Status}"].Value,
            })).ToList();
        var name = $"ledger-{Compound.Code}-{Item.Id}";
        return SpreadsheetExport.Download(format, name, rows);
    }

    /// <summary>Household payments are shown without names: only the pledge number.</summary>
    public string Describe(LedgerEntry e) => e.Kind switch
    {
        LedgerEntryKind.HouseholdPayment => t["Ledger_HouseholdPayment", e.PledgeId ?? 0],
        LedgerEntryKind.Refund => t["Ledger_RefundTo", e.PledgeId ?? 0],
        LedgerEntryKind.RunningCostPayment when ProjectLedger.ParseRunningCostDescription(e.Description) is { } rc => t["Ledger_RunningCostPayment", rc.Year, rc.ChargeId],
        _ => e.Description,
    };
}
