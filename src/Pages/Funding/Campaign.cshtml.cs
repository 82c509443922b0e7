using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;
using Portal.Features.Shared;
using Portal.Web;
using Portal.Payments;
using StripeException = Stripe.StripeException;

using Portal.Features.Funding;

namespace Portal.Pages.Funding;

/// <summary>A plan item's campaign: progress, the household's quote and pledge, and the committee's controls.</summary>
[Requires(Capability.ViewCompound)]
public class CampaignModel(PortalDb db, FundingQueries queries, HouseholdQuote quotes, PledgeToCampaign desk, CardCheckout checkout,
    CampaignClosing closing, RecordOfflinePayment offlinePayments, SetTransferAccount transferAccount, RecordRefund refunds, LateJoining lateJoining, UserManager<PortalUser> users, IOptions<StripeSettings> stripe,
    TimeProvider clock, IStringLocalizer<FundingText> t, IStringLocalizer<FilesText> filesText, ILogger<CampaignModel> log) : FundingPageModel
{
    public CostSharingScheme? Scheme { get; private set; }
    public Portal.Domain.Funding.Campaign? Campaign { get; private set; }
    public long RaisedFen { get; private set; }
    public int Households { get; private set; }
    public int DaysLeft { get; private set; }
    public HouseholdQuoteView? Quote { get; private set; }
    public Pledge? MyPledge { get; private set; }
    public List<(OfflinePayment Payment, string? ReceiptUrl)> MyPayments { get; } = [];
    public bool CardEnabled => stripe.Value.IsConfigured;
    public bool CanPledge { get; private set; }
    public List<(Pledge Pledge, string Flats)> Pledges { get; } = [];
    /// <summary>What the household pays to join late (后加入), when it may.</summary>
    public long? LateJoinFen { get; private set; }
    /// <summary>The household could have joined late, but the committee has closed late joining.</summary>
    public bool LateJoinClosed { get; private set; }

    [BindProperty] public PledgeInput Input { get; set; } = new();
    [BindProperty] public PaymentInput Payment { get; set; } = new();
    [BindProperty] public AccountInput Account { get; set; } = new();
    [BindProperty] public RefundInput Refund { get; set; } = new();

    public sealed class AccountInput
    {
        public string? Name { get; set; }
        public string? Bank { get; set; }
        public string? Number { get; set; }
    }

    public sealed class RefundInput
    {
        public long PledgeId { get; set; }
        public string? AmountYuan { get; set; }
        public RefundChannel Channel { get; set; } = RefundChannel.BankTransfer;
        public DateOnly? RefundedOn { get; set; }
        public string? Reference { get; set; }
    }

    public sealed class PledgeInput
    {
        public string? AmountYuan { get; set; }
        public PledgeMethod Method { get; set; } = PledgeMethod.Offline;
        public bool Consent { get; set; }
    }

    public sealed class PaymentInput
    {
        public long PledgeId { get; set; }
        public string? AmountYuan { get; set; }
        public DateOnly? PaidOn { get; set; }
        public string? Reference { get; set; }
    }

    /// <summary>What the resident agrees to before the card is saved; stored with the pledge.</summary>
    public string ConsentText(long amountFen) => t["Consent_Text", Item.Title, Yuan(amountFen)];

    private PledgeHolder Holder => PledgeToCampaign.HolderOf(Membership, CurrentUserId!, Item.Scope);

    private async Task<bool> LoadAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadItemAsync(db, planItemId, ct)) return false;
        Scheme = await queries.SchemeAsync(planItemId, ct);
        Campaign = await queries.CampaignAsync(planItemId, ct);
        var now = clock.GetUtcNow();
        if (Campaign is not null)
        {
            (RaisedFen, Households, _) = await queries.RaisedAsync(Campaign.Id, ct);
            DaysLeft = Campaign.DaysLeft(now);
        }
        if (CurrentUserId is not null)
        {
            Quote = await quotes.ForUserAsync(CurrentUserId, planItemId, ct);
            if (Campaign is not null && Membership.Can(Capability.Participate))
            {
                MyPledge = await desk.CurrentAsync(Campaign.Id, Holder, ct);
                CanPledge = Campaign.AcceptsPledgesAt(now);
                if (Campaign.Status == CampaignStatus.Succeeded && Scheme is not null && Quote is not null
                    && MyPledge?.Status is null or PledgeStatus.Released or PledgeStatus.Dropped)
                {
                    LateJoinFen = await lateJoining.OfferAsync(Campaign, Scheme, Holder, MyPledge, ct);
                    LateJoinClosed = LateJoinFen is null && !Scheme.LateJoinOpen && Quote.HouseholdFen > 0;
                }
                if (MyPledge is not null)
                {
                    var payments = await db.Set<OfflinePayment>().Where(p => p.PledgeId == MyPledge.Id).OrderBy(p => p.PaidOn).ToListAsync(ct);
                    MyPayments.AddRange(payments.Select(p => (p, p.ReceiptFileId is { } f ? $"/files/{f:N}" : null)));
                }
            }
        }
        if (Campaign is not null && Membership.Can(Capability.ManageFunding))
        {
            var pledges = await db.Set<Pledge>().Where(p => p.CampaignId == Campaign.Id).OrderBy(p => p.Id).ToListAsync(ct);
            var flats = (await queries.FlatsInScopeAsync(Item, ct)).ToLookup(f => f.Sharing.OwnerOfRecordId, f => f.Label);
            Pledges.AddRange(pledges.Select(p => (p, p.OwnerOfRecordId is { } o ? string.Join(", ", flats[o]) : "—")));
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct)) return NotFound();
        Input.AmountYuan = YuanInput(MyPledge?.AmountFen ?? (Quote is { } q ? Math.Max(0L, q.HouseholdFen) : (long?)null) ?? Campaign?.MinimumPledgeFen ?? 0);
        Input.Method = MyPledge?.Method ?? (CardEnabled ? PledgeMethod.Card : PledgeMethod.Offline);
        Payment.PaidOn = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        Refund.RefundedOn = Payment.PaidOn;
        Account = new AccountInput { Name = Campaign?.TransferAccountName, Bank = Campaign?.TransferBank, Number = Campaign?.TransferAccountNumber };
        return Page();
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostPledgeAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        if (!Money.TryParseYuan(Input.AmountYuan, out var amount) || amount <= 0)
            ModelState.AddModelError("Input.AmountYuan", t["Pledge_BadAmount"]);
        if (Input.Method == PledgeMethod.Card && !CardEnabled)
            ModelState.AddModelError("Input.Method", t["Pledge_CardUnavailable"]);
        if (Input.Method == PledgeMethod.Card && !Input.Consent)
            ModelState.AddModelError("Input.Consent", t["Pledge_ConsentRequired"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            var pledge = await desk.PledgeAsync(Campaign, Holder, amount, Input.Method, ct);
            if (pledge.Method == PledgeMethod.Card && pledge.Status == PledgeStatus.Pledged)
            {
                var back = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/funding/{Item.Id}";
                var user = await users.FindByIdAsync(CurrentUserId!);
                var url = await checkout.StartCardSetupAsync(pledge, user?.Email, ConsentText(pledge.AmountFen), back + "?card=saved", back + "?card=cancelled", ct);
                return Redirect(url);
            }
        }
        catch (StripeException ex)
        {
            log.LogWarning(ex, "Stripe refused a card setup");
            ModelState.AddModelError("", t["Pledge_CardError"]);
            return Page();
        }
        TempData["Flash"] = t["Pledge_Saved"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostWithdrawAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        await desk.WithdrawAsync(Campaign, Holder, ct);
        TempData["Flash"] = t["Pledge_Withdrawn"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>A household that did not pay while the campaign ran joins under the scheme's late-join rule.</summary>
    [Requires(Capability.Participate)]
    /// With <paramref name="card"/> the household pays at once through a payment-mode Checkout; otherwise by transfer or cash.
    public async Task<IActionResult> OnPostJoinLateAsync(long planItemId, bool card, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        // A household that joined to pay by transfer may still pay its late-join pledge by card.
        var pledge = card && MyPledge is { IsLateJoin: true, Status: PledgeStatus.Pledged, OwedFen: > 0 } joined ? joined
            : await lateJoining.JoinAsync(Campaign, Holder, ct);
        if (card && CardEnabled)
        {
            try
            {
                var back = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/funding/{Item.Id}";
                return Redirect(await checkout.StartPaymentAsync(pledge, Item.Title, back + "?card=paid", back, ct));
            }
            catch (StripeException ex)
            {
                // The late-join pledge stands: the household can still pay by transfer or cash.
                log.LogWarning(ex, "Stripe refused a late joiner's payment session");
                TempData["Flash"] = t["LateJoin_CardError"].Value;
                return RedirectToPage(new { compound = Compound.Code, planItemId });
            }
        }
        TempData["Flash"] = t["LateJoin_Joined"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>After a failed off-session charge: pay what is owed now through Checkout.</summary>
    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostPayNowAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || MyPledge is null) return NotFound();
        if (!CardEnabled || MyPledge.Status != PledgeStatus.ActionNeeded)
        {
            ModelState.AddModelError("", t["Pledge_NothingToPay"]);
            return Page();
        }
        try
        {
            var back = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/funding/{Item.Id}";
            return Redirect(await checkout.StartPaymentAsync(MyPledge, Item.Title, back + "?card=paid", back, ct));
        }
        catch (StripeException ex)
        {
            log.LogWarning(ex, "Stripe refused a payment session");
            ModelState.AddModelError("", t["Pledge_CardError"]);
            return Page();
        }
    }

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostSucceedAsync(long planItemId, CancellationToken ct) =>
        await CommitteeAsync(planItemId, c => closing.SucceedAsync(c.Id, ct), "Committee_Succeeded", ct);

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostFailAsync(long planItemId, CancellationToken ct) =>
        await CommitteeAsync(planItemId, c => closing.FailAsync(c.Id, ct), "Committee_Failed", ct);

    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostCancelAsync(long planItemId, bool cancelProject, CancellationToken ct) =>
        await CommitteeAsync(planItemId, c => closing.CancelAsync(c.Id, cancelProject, ct), "Committee_Cancelled", ct);

    private async Task<IActionResult> CommitteeAsync(long planItemId, Func<Portal.Domain.Funding.Campaign, Task> act, string flash, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        await act(Campaign);
        TempData["Flash"] = t[flash].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>The treasurer records a cash or bank-transfer payment against a pledge, with an optional receipt image.</summary>
    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostRecordPaymentAsync(long planItemId, IFormFile? receipt, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        var pledge = await db.Set<Pledge>().FirstOrDefaultAsync(p => p.Id == Payment.PledgeId && p.CampaignId == Campaign.Id, ct);
        if (pledge is null) return NotFound();
        if (!Money.TryParseYuan(Payment.AmountYuan, out var amount) || amount <= 0)
            ModelState.AddModelError("Payment.AmountYuan", t["Pledge_BadAmount"]);
        if (Payment.PaidOn is null) ModelState.AddModelError("Payment.PaidOn", t["Payment_DateRequired"]);
        if (string.IsNullOrWhiteSpace(Payment.Reference)) ModelState.AddModelError("Payment.Reference", t["Payment_ReferenceRequired"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            await offlinePayments.RecordAsync(pledge, amount, Payment.PaidOn!.Value, Payment.Reference!, receipt, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError("", filesText[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = t["Payment_Recorded"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>The committee sets the supervised account households transfer to.</summary>
    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostTransferAccountAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        await transferAccount.SetAsync(Campaign, Account.Name, Account.Bank, Account.Number, ct);
        TempData["Flash"] = t["TransferAccount_Saved"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }

    /// <summary>The treasurer records money sent back to a household (failed campaign or overpayment), by any channel.</summary>
    [Requires(Capability.ManageFunding)]
    public async Task<IActionResult> OnPostRefundAsync(long planItemId, CancellationToken ct)
    {
        if (!await LoadAsync(planItemId, ct) || Campaign is null) return NotFound();
        var pledge = Pledges.Select(p => p.Pledge).FirstOrDefault(p => p.Id == Refund.PledgeId);
        if (pledge is null) return NotFound();
        if (!Money.TryParseYuan(Refund.AmountYuan, out var amount) || amount <= 0)
            ModelState.AddModelError("Refund.AmountYuan", t["Pledge_BadAmount"]);
        if (Refund.RefundedOn is null) ModelState.AddModelError("Refund.RefundedOn", t["Refund_DateRequired"]);
        if (Refund.Channel != RefundChannel.Card && string.IsNullOrWhiteSpace(Refund.Reference))
            ModelState.AddModelError("Refund.Reference", t["Refund_ReferenceRequired"]);
        if (!ModelState.IsValid) return Page();
        await refunds.RecordAsync(Compound.Id, pledge.Id, amount, Refund.Channel, Refund.RefundedOn!.Value, Refund.Reference ?? "", CurrentUserId!, ct);
        TempData["Flash"] = t["Refund_Recorded"].Value;
        return RedirectToPage(new { compound = Compound.Code, planItemId });
    }
}
