using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Payments;
using StripeException = Stripe.StripeException;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

using Portal.Features.Funding;
using Portal.Features.Register;
using Portal.Domain.Register;

namespace Portal.Pages.Funding;

/// <summary>The resident's own pledges in this compound, with payments and receipts, and the household's running-cost bills.</summary>
[Requires(Capability.Participate)]
public class MineModel(PortalDb db, RunningCostQueries runningCosts, CardCheckout checkout, IOptions<StripeSettings> stripe,
    IStringLocalizer<FundingText> t, ILogger<MineModel> log) : CompoundPageModel
{
    public bool CardEnabled => stripe.Value.IsConfigured;

    public sealed record Row(Pledge Pledge, PlanItem Item, List<OfflinePayment> Payments);

    public List<Row> Rows { get; } = [];
    /// <summary>The household's yearly running-cost bills (运行维护费).</summary>
    public List<RunningCostQueries.HouseholdCharge> Bills { get; } = [];
    public Dictionary<long, string> FlatLabels { get; } = [];

    private List<long> OwnerIds => Membership.Ties.Where(t => t.Relation.MayVote()).Select(t => t.OwnerOfRecordId).Distinct().ToList();

    /// <summary>Pays one of the household's running-cost bills by card through a payment-mode Checkout.</summary>
    public async Task<IActionResult> OnPostPayBillAsync(long chargeId, CancellationToken ct)
    {
        var bill = (await runningCosts.ForOwnersAsync(Compound.Id, OwnerIds, ct)).FirstOrDefault(b => b.Charge.Id == chargeId);
        if (bill is null) return NotFound();
        if (!CardEnabled || bill.Charge.OwedFen <= 0)
        {
            TempData["Flash"] = t["Mine_RunningCostNothingToPay"].Value;
            return RedirectToPage(new { compound = Compound.Code });
        }
        var back = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/funding/mine";
        try
        {
            return Redirect(await checkout.StartRunningCostPaymentAsync(bill.Charge, t["Mine_RunningCostTitle", bill.Item.Title, bill.Bill.Year], back + "?card=paid", back, ct));
        }
        catch (StripeException ex)
        {
            log.LogWarning(ex, "Stripe refused a running-cost payment session");
            TempData["Flash"] = t["Pledge_CardError"].Value;
            return RedirectToPage(new { compound = Compound.Code });
        }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Pledges made by this account, or by the household (owner of record) it belongs to.
        var owners = Membership.Ties.Where(t => t.Relation.MayVote()).Select(t => (long?)t.OwnerOfRecordId).ToList();
        var pledges = await db.Set<Pledge>()
            .Where(p => p.CompoundId == Compound.Id && (p.UserId == CurrentUserId || owners.Contains(p.OwnerOfRecordId)))
            .OrderByDescending(p => p.Id).ToListAsync(ct);
        var campaignIds = pledges.Select(p => p.CampaignId).ToList();
        var campaigns = await db.Set<Campaign>().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var itemIds = campaigns.Values.Select(c => c.PlanItemId).ToList();
        var items = await db.Set<PlanItem>().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var pledgeIds = pledges.Select(p => p.Id).ToList();
        var payments = (await db.Set<OfflinePayment>().Where(p => pledgeIds.Contains(p.PledgeId)).ToListAsync(ct)).ToLookup(p => p.PledgeId);
        var ownerIds = owners.Where(o => o is not null).Select(o => o!.Value).Distinct().ToList();
        Bills.AddRange(await runningCosts.ForOwnersAsync(Compound.Id, ownerIds, ct));
        var flatIds = Bills.Select(b => b.Charge.FlatId).Distinct().ToList();
        foreach (var f in await db.Set<Flat>().Where(f => flatIds.Contains(f.Id)).WithNames(db).AsNoTracking().ToListAsync(ct))
            FlatLabels[f.Flat.Id] = f.Label;
        Rows.AddRange(pledges.Select(p => new Row(p, items[campaigns[p.CampaignId].PlanItemId], payments[p.Id].OrderBy(x => x.PaidOn).ToList())));
    }
}
