using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

public enum PledgeMethod { Offline = 0, Card = 1 }

/// <summary>
/// Pledged → CardSaved → Charged → Paid; ActionNeeded (a failed charge) → Paid / Dropped;
/// Released (campaign failed or pledge withdrawn); Refunded (project cancelled after paying).
/// </summary>
public enum PledgeStatus
{
    Pledged = 0,
    CardSaved = 1,
    Charged = 2,
    Paid = 3,
    ActionNeeded = 4,
    Dropped = 5,
    Released = 6,
    Refunded = 7,
}

/// <summary>A household's promise to pay towards a campaign; one per owner of record (or account) and campaign.</summary>
public class Pledge
{
    private Pledge() { }

    public Pledge(Campaign campaign, long? ownerOfRecordId, string userId, long amountFen, long allocatedFen, PledgeMethod method, DateTimeOffset at)
    {
        if (!campaign.AcceptsPledgesAt(at))
            throw new DomainException("pledge.campaign_closed", "The campaign no longer accepts pledges.");
        campaign.CheckPledgeAmount(amountFen);
        CampaignId = campaign.Id;
        CompoundId = campaign.CompoundId;
        OwnerOfRecordId = ownerOfRecordId;
        UserId = userId;
        HolderKey = ownerOfRecordId is { } o ? $"owner:{o}" : $"user:{userId}";
        AmountFen = amountFen;
        AllocatedFen = allocatedFen;
        Method = method;
        PledgedAt = at;
        Status = PledgeStatus.Pledged;
    }

    /// <summary>
    /// A household that did not pay while the campaign ran joins after it succeeded, under the scheme's late-join rule
    /// (后加入); it pays by transfer or cash like any offline pledge.
    /// </summary>
    public static Pledge JoinLate(Campaign campaign, CostSharingScheme scheme, long ownerOfRecordId, string userId, long householdFen, DateTimeOffset at)
    {
        var amount = LateJoinAmount(campaign, scheme, householdFen);
        return new Pledge
        {
            CampaignId = campaign.Id,
            CompoundId = campaign.CompoundId,
            OwnerOfRecordId = ownerOfRecordId,
            UserId = userId,
            HolderKey = $"owner:{ownerOfRecordId}",
            AmountFen = amount,
            AllocatedFen = householdFen,
            Method = PledgeMethod.Offline,
            PledgedAt = at,
            LateJoinedAt = at,
            Status = PledgeStatus.Pledged,
        };
    }

    /// <summary>A household whose pledge was withdrawn or dropped while the campaign ran joins late on the same pledge.</summary>
    public void RejoinLate(Campaign campaign, CostSharingScheme scheme, long householdFen, DateTimeOffset at)
    {
        Require("join late", PledgeStatus.Released, PledgeStatus.Dropped);
        if (PaidFen != RefundedFen)
            throw new DomainException("late_join.money_held", "Money of the earlier pledge is still held; refund it first.");
        AmountFen = LateJoinAmount(campaign, scheme, householdFen);
        AllocatedFen = householdFen;
        PaidFen = 0;
        RefundedFen = 0;
        Method = PledgeMethod.Offline;
        StripePaymentMethodId = null;
        ConsentText = null;
        ConsentedAt = null;
        FailureReason = null;
        ActionNeededSince = null;
        LateJoinedAt = at;
        ChangedAt = at;
        ClosedAt = null;
        PaidAt = null;
        Status = PledgeStatus.Pledged;
    }

    private static long LateJoinAmount(Campaign campaign, CostSharingScheme scheme, long householdFen)
    {
        if (campaign.Status != CampaignStatus.Succeeded)
            throw new DomainException("late_join.campaign_not_succeeded", "Households join late only after the campaign succeeded.");
        if (!scheme.LateJoinOpen)
            throw new DomainException("late_join.closed", "The committee has closed late joining for this item.");
        return scheme.LateJoinAmountFen(householdFen)
            ?? throw new DomainException("late_join.nothing_to_pay", "This household has no part to pay for this item.");
    }

    /// <summary>When the household joined late (后加入); null for a pledge made while the campaign ran.</summary>
    public DateTimeOffset? LateJoinedAt { get; private set; }
    public bool IsLateJoin => LateJoinedAt is not null;

    public long Id { get; private set; }
    public long CampaignId { get; private set; }
    public long CompoundId { get; private set; }
    public long? OwnerOfRecordId { get; private set; }
    public string UserId { get; private set; } = "";
    /// <summary>"owner:{id}" or "user:{id}": unique per campaign so a household pledges once.</summary>
    public string HolderKey { get; private set; } = "";
    public long AmountFen { get; private set; }
    /// <summary>The household's allocated share when it pledged (0 for voluntary items).</summary>
    public long AllocatedFen { get; private set; }
    public PledgeMethod Method { get; private set; }
    public PledgeStatus Status { get; private set; }
    public long PaidFen { get; private set; }
    public DateTimeOffset PledgedAt { get; private set; }
    public DateTimeOffset? ChangedAt { get; private set; }
    public string? ConsentText { get; private set; }
    public DateTimeOffset? ConsentedAt { get; private set; }
    public string? StripeCustomerId { get; private set; }
    public string? StripeCheckoutSessionId { get; private set; }
    public string? StripePaymentMethodId { get; private set; }
    public string? StripePaymentIntentId { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTimeOffset? ActionNeededSince { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>The code for the bank-transfer memo (转账附言); see <see cref="Funding.TransferReference"/>.</summary>
    public string? TransferReference { get; private set; }
    /// <summary>What has been sent back to the household, by any channel.</summary>
    public long RefundedFen { get; private set; }

    public bool IsLive => Status is PledgeStatus.Pledged or PledgeStatus.CardSaved or PledgeStatus.Charged or PledgeStatus.Paid or PledgeStatus.ActionNeeded;

    /// <summary>Counts towards the campaign's raised total.</summary>
    public long CountedFen => IsLive ? AmountFen : 0;

    private void Require(string action, params PledgeStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new DomainException("pledge.illegal_transition", $"A pledge cannot {action} when {Status}.");
    }

    public void Change(Campaign campaign, long amountFen, PledgeMethod method, DateTimeOffset at)
    {
        Require("change", PledgeStatus.Pledged, PledgeStatus.CardSaved, PledgeStatus.Released);
        if (!campaign.AcceptsPledgesAt(at))
            throw new DomainException("pledge.campaign_closed", "The campaign no longer accepts pledges.");
        campaign.CheckPledgeAmount(amountFen);
        // A saved card was consented for a given amount and method: a change needs a new consent.
        if (Status == PledgeStatus.CardSaved && (amountFen != AmountFen || method != PledgeMethod.Card))
        {
            StripePaymentMethodId = null;
            ConsentText = null;
            ConsentedAt = null;
        }
        if (Status == PledgeStatus.Released || StripePaymentMethodId is null) Status = PledgeStatus.Pledged;
        AmountFen = amountFen;
        Method = method;
        ChangedAt = at;
        ClosedAt = null;
    }

    public void Withdraw(Campaign campaign, DateTimeOffset at)
    {
        Require("be withdrawn", PledgeStatus.Pledged, PledgeStatus.CardSaved);
        if (!campaign.AcceptsPledgesAt(at))
            throw new DomainException("pledge.campaign_closed", "The deadline has passed.");
        Status = PledgeStatus.Released;
        ClosedAt = at;
    }

    /// <summary>The resident agreed to the consent text and was sent to Stripe Checkout.</summary>
    public void StartCardSetup(string consentText, string checkoutSessionId, string? customerId, DateTimeOffset at)
    {
        Require("start card setup", PledgeStatus.Pledged);
        if (string.IsNullOrWhiteSpace(consentText))
            throw new DomainException("pledge.consent_required", "Consent to a later charge is required.");
        Method = PledgeMethod.Card;
        ConsentText = consentText;
        ConsentedAt = at;
        StripeCheckoutSessionId = checkoutSessionId;
        StripeCustomerId = customerId ?? StripeCustomerId;
    }

    public void SaveCard(string customerId, string paymentMethodId)
    {
        Require("save a card", PledgeStatus.Pledged);
        if (ConsentText is null)
            throw new DomainException("pledge.consent_required", "Consent to a later charge is required.");
        StripeCustomerId = customerId;
        StripePaymentMethodId = paymentMethodId;
        Status = PledgeStatus.CardSaved;
    }

    public void MarkCharged(string paymentIntentId)
    {
        Require("be charged", PledgeStatus.CardSaved);
        StripePaymentIntentId = paymentIntentId;
        Status = PledgeStatus.Charged;
    }

    public void AssignTransferReference(string code)
    {
        if (TransferReference is not null) return;
        if (!Funding.TransferReference.IsValid(code))
            throw new DomainException("pledge.reference_invalid", "Not a valid transfer reference.");
        TransferReference = code;
    }

    /// <summary>
    /// Money arrived: by card (the PaymentIntent succeeded) or recorded by the treasurer. Only money the treasurer saw
    /// arrive in the bank (<paramref name="acceptExcess"/>) may exceed what is owed; the excess is then due back as a refund.
    /// </summary>
    public void RecordPayment(long amountFen, DateTimeOffset at, bool acceptExcess = false)
    {
        if (acceptExcess) Require("record a payment", PledgeStatus.Pledged, PledgeStatus.CardSaved, PledgeStatus.Charged, PledgeStatus.ActionNeeded, PledgeStatus.Paid);
        else Require("record a payment", PledgeStatus.Pledged, PledgeStatus.CardSaved, PledgeStatus.Charged, PledgeStatus.ActionNeeded);
        if (amountFen <= 0)
            throw new DomainException("pledge.amount_not_positive", "A payment must be more than zero.");
        if (!acceptExcess && PaidFen + amountFen > AmountFen)
            throw new DomainException("pledge.overpaid", "The payment is more than what is still owed.");
        PaidFen += amountFen;
        if (PaidFen >= AmountFen && Status != PledgeStatus.Paid)
        {
            Status = PledgeStatus.Paid;
            PaidAt = at;
            ActionNeededSince = null;
        }
    }

    public long OwedFen => Status is PledgeStatus.Released or PledgeStatus.Dropped or PledgeStatus.Refunded ? 0 : Math.Max(0, AmountFen - PaidFen);

    /// <summary>
    /// What may be sent back: everything still held when the campaign did not succeed, else only what was paid beyond the pledge.
    /// </summary>
    public long RefundableFen(CampaignStatus campaign) =>
        campaign is CampaignStatus.Failed or CampaignStatus.Cancelled || Status is PledgeStatus.Released or PledgeStatus.Dropped
            ? PaidFen - RefundedFen
            : Math.Max(0, PaidFen - AmountFen - RefundedFen);

    /// <summary>The treasurer sent money back (transfer, cash or card); once everything is back the pledge is refunded.</summary>
    public void RecordRefund(long amountFen, CampaignStatus campaign, DateTimeOffset at)
    {
        if (amountFen <= 0)
            throw new DomainException("ledger.amount_not_positive", "A refund must be more than zero.");
        if (amountFen > RefundableFen(campaign))
            throw new DomainException("refund.more_than_refundable", "The refund is more than what may be sent back.");
        RefundedFen += amountFen;
        if (RefundedFen == PaidFen && campaign is CampaignStatus.Failed or CampaignStatus.Cancelled)
        {
            Status = PledgeStatus.Refunded;
            ClosedAt = at;
        }
    }

    public void MarkActionNeeded(string reason, string? paymentIntentId, DateTimeOffset at)
    {
        Require("need action", PledgeStatus.CardSaved, PledgeStatus.Charged);
        FailureReason = reason;
        StripePaymentIntentId = paymentIntentId ?? StripePaymentIntentId;
        ActionNeededSince = at;
        Status = PledgeStatus.ActionNeeded;
    }

    public bool GraceOver(DateTimeOffset now, int graceDays) =>
        Status == PledgeStatus.ActionNeeded && ActionNeededSince is { } since && now >= since.AddDays(graceDays);

    public void Drop(DateTimeOffset at)
    {
        Require("be dropped", PledgeStatus.ActionNeeded);
        Status = PledgeStatus.Dropped;
        ClosedAt = at;
    }

    /// <summary>The campaign failed or was cancelled before charging: nothing is charged.</summary>
    public void Release(DateTimeOffset at)
    {
        Require("be released", PledgeStatus.Pledged, PledgeStatus.CardSaved);
        Status = PledgeStatus.Released;
        ClosedAt = at;
    }

    public void MarkRefunded(DateTimeOffset at)
    {
        Require("be refunded", PledgeStatus.Paid, PledgeStatus.Charged);
        RefundedFen = PaidFen;
        Status = PledgeStatus.Refunded;
        ClosedAt = at;
    }
}
