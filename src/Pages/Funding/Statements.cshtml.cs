using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Funding;
using Portal.Features.Register;

namespace Portal.Pages.Funding;

/// <summary>
/// The treasurer's bank-statement page: imports the supervised account's statement, lists what each line became
/// (matched, partial, unmatched, duplicate) and matches partial and unmatched lines to a pledge by hand.
/// </summary>
[Requires(Capability.ManageFunding)]
public class StatementsModel(PortalDb db, ImportBankStatement import, MatchStatementLine match, IStringLocalizer<FundingText> t) : CompoundPageModel
{
    public sealed record PledgeRow(long Id, string Label, string Reference, long AmountFen, long OwedFen);

    public List<BankStatementLine> Lines { get; } = [];
    public Dictionary<long, PledgeRow> PledgesById { get; } = [];
    public List<PledgeRow> OpenPledges { get; } = [];
    public List<string> ImportErrors { get; } = [];
    public Dictionary<long, BankStatement> Statements { get; } = [];

    [BindProperty] public long LineId { get; set; }
    [BindProperty] public long? PledgeId { get; set; }
    /// <summary>A running-cost charge (运行维护费) the line paid, chosen instead of a pledge.</summary>
    [BindProperty] public long? ChargeId { get; set; }

    public sealed record ChargeRow(long Id, string Label);
    public List<ChargeRow> OpenCharges { get; } = [];
    public Dictionary<long, string> ChargeLabels { get; } = [];

    private async Task LoadAsync(CancellationToken ct)
    {
        var statements = await db.Set<BankStatement>().AsNoTracking().Where(s => s.CompoundId == Compound.Id)
            .OrderByDescending(s => s.Id).Take(20).ToListAsync(ct);
        foreach (var s in statements) Statements[s.Id] = s;
        var ids = statements.Select(s => s.Id).ToList();
        Lines.AddRange(await db.Set<BankStatementLine>().AsNoTracking().Where(l => ids.Contains(l.StatementId))
            .OrderByDescending(l => l.StatementId).ThenBy(l => l.LineNumber).ToListAsync(ct));
        var owners = (await db.Set<Flat>().Where(f => f.CompoundId == Compound.Id).WithNames(db).AsNoTracking().ToListAsync(ct))
            .ToLookup(f => f.Flat.OwnerOfRecordId, f => f.Label);
        var pledges = await (from p in db.Set<Pledge>()
                             join c in db.Set<Portal.Domain.Funding.Campaign>() on p.CampaignId equals c.Id
                             join i in db.Set<PlanItem>() on c.PlanItemId equals i.Id
                             where p.CompoundId == Compound.Id
                             orderby p.Id
                             select new { Pledge = p, i.Title }).AsNoTracking().ToListAsync(ct);
        var charges = await (from ch in db.Set<RunningCostCharge>()
                             join b in db.Set<RunningCostBill>() on ch.BillId equals b.Id
                             join i in db.Set<PlanItem>() on b.PlanItemId equals i.Id
                             where ch.CompoundId == Compound.Id && ch.AmountFen > 0
                             orderby b.Year descending, ch.Id
                             select new { Charge = ch, b.Year, i.Title }).AsNoTracking().ToListAsync(ct);
        foreach (var x in charges)
        {
            var flat = string.Join("、", owners[x.Charge.OwnerOfRecordId]);
            ChargeLabels[x.Charge.Id] = t["Statement_ChargeShort", x.Year, flat, x.Title].Value;
            if (x.Charge.OwedFen > 0)
                OpenCharges.Add(new ChargeRow(x.Charge.Id, t["Statement_ChargeLabel", x.Year, flat, x.Title, x.Charge.TransferReference ?? "", FundingPageModel.Yuan(x.Charge.OwedFen)].Value));
        }
        foreach (var x in pledges)
        {
            var p = x.Pledge;
            var flats = p.OwnerOfRecordId is { } o ? string.Join("、", owners[o]) : "—";
            var row = new PledgeRow(p.Id, t["Statement_PledgeLabel", p.Id, flats, x.Title], p.TransferReference ?? "", p.AmountFen, p.OwedFen);
            PledgesById[p.Id] = row;
            if (p.Status is PledgeStatus.Pledged or PledgeStatus.CardSaved or PledgeStatus.Charged or PledgeStatus.ActionNeeded or PledgeStatus.Paid)
                OpenPledges.Add(row);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ImportErrors.Add(t["Import_NoFile"]);
            await LoadAsync(ct);
            return Page();
        }
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(buffer, ct);
        await LoadAsync(ct);
        var result = await import.ImportAsync(Compound.Id, buffer.ToArray(), file.FileName, CurrentUserId!, ct);
        if (result.Refused)
        {
            ImportErrors.AddRange(result.Errors);
            return Page();
        }
        TempData["Flash"] = t["Statement_Imported", result.Count(StatementLineOutcome.Matched), result.Count(StatementLineOutcome.Partial),
            result.Count(StatementLineOutcome.Unmatched), result.Count(StatementLineOutcome.Duplicate), result.Count(StatementLineOutcome.Outgoing)].Value;
        return RedirectToPage(new { compound = Compound.Code });
    }

    public async Task<IActionResult> OnPostMatchAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ChargeId is { } chargeId)
        {
            await match.MatchToChargeAsync(Compound.Id, LineId, chargeId, CurrentUserId!, ct);
            TempData["Flash"] = t["Statement_MatchedFlash"].Value;
            return RedirectToPage(new { compound = Compound.Code });
        }
        if (PledgeId is null)
        {
            ModelState.AddModelError("", t["Statement_ChoosePledge"]);
            return Page();
        }
        await match.MatchAsync(Compound.Id, LineId, PledgeId.Value, CurrentUserId!, ct);
        TempData["Flash"] = t["Statement_MatchedFlash"].Value;
        return RedirectToPage(new { compound = Compound.Code });
    }
}
