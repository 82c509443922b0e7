using System.Data;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Funding;

/// <summary>
/// The treasurer records money sent back to a household, by bank transfer, in cash or to the card it was paid with:
/// everything it paid when the campaign failed or was cancelled, or what it paid beyond its pledge. The refund leaves
/// the ledger (never below zero, checked in one serializable transaction) and the household is told. A transaction that
/// loses to a concurrent writer (a PostgreSQL serialization failure, SQLite busy) runs again from the start; the card
/// refund carries an idempotency key, so Stripe refunds once however often it runs.
/// </summary>
public sealed class RecordRefund(PortalDb db, ProjectLedger ledger, ICardPayments cards, INotifier notifier, TimeProvider clock)
{
    public async Task<PledgeRefund> RecordAsync(long compoundId, long pledgeId, long amountFen, RefundChannel channel, DateOnly refundedOn,
        string reference, string recordedBy, CancellationToken ct = default) =>
        await RetryOnConflict.RunAsync(db, () => RecordOnceAsync(compoundId, pledgeId, amountFen, channel, refundedOn, reference, recordedBy, ct), ct);

    private async Task<PledgeRefund> RecordOnceAsync(long compoundId, long pledgeId, long amountFen, RefundChannel channel, DateOnly refundedOn,
        string reference, string recordedBy, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var pledge = await db.Set<Pledge>().FirstOrDefaultAsync(p => p.Id == pledgeId && p.CompoundId == compoundId, ct)
            ?? throw new DomainException("refund.no_pledge", "There is no such pledge in this compound.");
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == pledge.CampaignId, ct);
        if (channel == RefundChannel.Card)
        {
            // A card payment goes back whole to the card it came from (Stripe refunds the PaymentIntent).
            if (pledge.StripePaymentIntentId is null)
                throw new DomainException("refund.no_card_payment", "This pledge was not paid by card.");
            if (amountFen != pledge.PaidFen - pledge.RefundedFen)
                throw new DomainException("refund.card_whole_only", "A card payment is refunded whole.");
        }
        var now = clock.GetUtcNow();
        pledge.RecordRefund(amountFen, campaign.Status, now);
        await ledger.AddRefundAsync(pledge, amountFen, recordedBy, ct);
        var refund = new PledgeRefund(pledge, amountFen, channel, refundedOn, reference, recordedBy, now);
        db.Add(refund);
        var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == compoundId).Select(c => c.Code).SingleAsync(ct);
        notifier.Raise(NotificationKind.PledgeRefunded, compoundId, Audience.Users(pledge.UserId), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(amountFen) });
        if (channel == RefundChannel.Card) await cards.RefundAsync(pledge, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return refund;
    }
}
