using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Accounts;
using Portal.Features.Funding;
using Portal.Features.Register;

namespace Portal.Pages.Funding;

/// <summary>
/// The committee's maintenance-fund page: imports per-flat balances (分户账) and links a plan item to the passed
/// ordinary vote matter that approved using the fund.
/// </summary>
[Requires(Capability.ManageFunding)]
public class FundBalancesModel(PortalDb db, ImportFundBalances import, LinkFundUse link, IStringLocalizer<FundingText> t) : CompoundPageModel
{
    public sealed record BalanceRow(string Label, long BalanceFen, DateOnly AsOf);
    public sealed record ItemRow(long Id, string Title, long? FundUseMatterId);
    public sealed record MatterRow(long Id, string Label);

    public List<BalanceRow> Balances { get; } = [];
    public List<ItemRow> Items { get; } = [];
    public List<MatterRow> Matters { get; } = [];
    public List<string> ImportErrors { get; } = [];

    [BindProperty] public DateOnly? AsOf { get; set; }
    [BindProperty] public long? PlanItemId { get; set; }
    [BindProperty] public long? MatterId { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        var balances = await db.Set<FundBalance>().AsNoTracking().Where(b => b.CompoundId == Compound.Id).ToListAsync(ct);
        var labels = (await db.Set<Flat>().Where(f => f.CompoundId == Compound.Id).WithNames(db).AsNoTracking().ToListAsync(ct))
            .ToDictionary(f => f.Flat.Id, f => f.Label);
        Balances.AddRange(balances.Select(b => new BalanceRow(labels.GetValueOrDefault(b.FlatId, "?"), b.BalanceFen, b.AsOf)).OrderBy(b => b.Label, StringComparer.Ordinal));
        Items.AddRange(await (from s in db.Set<CostSharingScheme>()
                              join i in db.Set<PlanItem>() on s.PlanItemId equals i.Id
                              where s.CompoundId == Compound.Id && s.Method != CostSharingMethod.Voluntary
                              orderby i.Id
                              select new ItemRow(i.Id, i.Title, s.FundUseMatterId)).ToListAsync(ct));
        var ordinary = LinkFundUse.OrdinaryRule;
        Matters.AddRange((await (from m in db.Set<Matter>()
                                 join v in db.Set<Vote>() on m.VoteId equals v.Id
                                 where v.CompoundId == Compound.Id && v.Status == VoteStatus.Final && m.Rule == ordinary
                                 orderby m.Id
                                 select new { m.Id, Vote = v.Title, m.Title }).ToListAsync(ct))
            .Select(m => new MatterRow(m.Id, $"{m.Vote} · {m.Title}")));
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
        var result = await import.ImportAsync(Compound.Id, buffer.ToArray(), file.FileName, AsOf, CurrentUserId!, ct);
        if (result.Refused)
        {
            ImportErrors.AddRange(result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Flash"] = t["Fund_Imported", result.Imported].Value;
        return RedirectToPage(new { compound = Compound.Code });
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        if (PlanItemId is null || MatterId is null)
        {
            ModelState.AddModelError("", t["Fund_ChooseBoth"]);
            await LoadAsync(ct);
            return Page();
        }
        var drawn = await link.LinkAsync(Compound.Id, PlanItemId.Value, MatterId.Value, CurrentUserId!, ct);
        TempData["Flash"] = t["Fund_Linked", FundingPageModel.Yuan(drawn)].Value;
        return RedirectToPage(new { compound = Compound.Code });
    }
}
