using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Features.Funding;
using Stripe;
using Stripe.Checkout;

namespace Portal.Payments;

internal static class PledgeLookup
{
    public static async Task<Pledge?> FromMetadataAsync(PortalDb db, IDictionary<string, string>? metadata, CancellationToken ct) =>
        metadata is not null && metadata.TryGetValue("pledge_id", out var raw) && long.TryParse(raw, out var id)
            ? await db.Set<Pledge>().FirstOrDefaultAsync(p => p.Id == id, ct)
            : null;
}

/// <summary>checkout.session.completed: in setup mode the card is saved with the SetupIntent's payment method.</summary>
public sealed class CheckoutSessionCompleted(PortalDb db, IStripeClient stripe) : IStripeEventHandler
{
    public string EventType => EventTypes.CheckoutSessionCompleted;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Session session || session.Mode != "setup" || session.SetupIntentId is null) return;
        var pledge = await PledgeLookup.FromMetadataAsync(db, session.Metadata, ct);
        if (pledge is null || pledge.Status != PledgeStatus.Pledged || pledge.ConsentText is null) return;
        if (pledge.StripeCustomerId is not null && session.CustomerId is not null && session.CustomerId != pledge.StripeCustomerId) return;
        var setup = await new SetupIntentService(stripe).GetAsync(session.SetupIntentId, cancellationToken: ct);
        if (setup.Status != "succeeded" || setup.PaymentMethodId is null) return;
        pledge.SaveCard(session.CustomerId ?? setup.CustomerId ?? pledge.StripeCustomerId!, setup.PaymentMethodId);
    }
}

/// <summary>payment_intent.succeeded: the money arrived (an off-session charge, a late payment or a late joiner's payment through Checkout).</summary>
public sealed class PaymentIntentSucceeded(PortalDb db, ChargePledges charges, ProjectLedger ledger, TimeProvider clock) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentSucceeded;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not PaymentIntent intent) return;
        if (intent.Metadata is not null && intent.Metadata.TryGetValue(CardCheckout.RunningCostChargeKey, out var rawCharge) && long.TryParse(rawCharge, out var chargeId))
        {
            await PayRunningCostAsync(intent, chargeId, ct);
            return;
        }
        var pledge = await PledgeLookup.FromMetadataAsync(db, intent.Metadata, ct);
        if (pledge is null) return;
        if (pledge.Status == PledgeStatus.CardSaved) pledge.MarkCharged(intent.Id);
        // A late joiner (后加入) pays what it owes through a payment-mode Checkout, without saving a card first.
        if (pledge.Status is PledgeStatus.Charged or PledgeStatus.ActionNeeded || (pledge.IsLateJoin && pledge.Status == PledgeStatus.Pledged))
            await charges.PayAsync(pledge, intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, "card", ct);
    }

    /// <summary>A running-cost bill paid by card: booked once per PaymentIntent, never beyond what the bill still owes.</summary>
    private async Task PayRunningCostAsync(PaymentIntent intent, long chargeId, CancellationToken ct)
    {
        var charge = await db.Set<RunningCostCharge>().FirstOrDefaultAsync(c => c.Id == chargeId, ct);
        var reference = $"card:{intent.Id}";
        if (charge is null || charge.OwedFen <= 0 || await db.Set<RunningCostPayment>().AnyAsync(p => p.ChargeId == chargeId && p.Reference == reference, ct)) return;
        var now = clock.GetUtcNow();
        var amount = Math.Min(intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, charge.OwedFen);
        await RecordRunningCostPayment.PayAsync(db, ledger, charge, amount, RunningCostPaymentChannel.Card, DateOnly.FromDateTime(Portal.Features.Shared.Shanghai.ToLocal(now).Date),
            reference, null, "stripe", now, ct);
    }
}

/// <summary>payment_intent.payment_failed: the pledge needs the resident's action.</summary>
public sealed class PaymentIntentFailed(PortalDb db, ChargePledges charges, TimeProvider clock) : IStripeEventHandler
{
    public string EventType => EventTypes.PaymentIntentPaymentFailed;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not PaymentIntent intent) return;
        var pledge = await PledgeLookup.FromMetadataAsync(db, intent.Metadata, ct);
        if (pledge is null || pledge.Status is not (PledgeStatus.CardSaved or PledgeStatus.Charged)) return;
        pledge.MarkActionNeeded(intent.LastPaymentError?.Code ?? "payment_failed", intent.Id, clock.GetUtcNow());
        await charges.NotifyFailedAsync(pledge, ct);
    }
}

/// <summary>charge.refunded: a refund made in Stripe (by the job or by hand in the dashboard) leaves the ledger.</summary>
public sealed class ChargeRefunded(PortalDb db, ProjectLedger ledger, TimeProvider clock) : IStripeEventHandler
{
    public string EventType => EventTypes.ChargeRefunded;

    public async Task HandleAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Data.Object is not Charge charge || charge.PaymentIntentId is null) return;
        var pledge = await db.Set<Pledge>().FirstOrDefaultAsync(p => p.StripePaymentIntentId == charge.PaymentIntentId, ct)
            ?? await PledgeLookup.FromMetadataAsync(db, charge.Metadata, ct);
        if (pledge is null || pledge.Status is not (PledgeStatus.Paid or PledgeStatus.Charged)) return;
        if (pledge.PaidFen > 0) await ledger.AddRefundAsync(pledge, pledge.PaidFen, "stripe", ct);
        pledge.MarkRefunded(clock.GetUtcNow());
    }
}
