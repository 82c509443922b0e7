using Portal.Domain.Funding;
using Portal.Features.Funding;
using Stripe;

namespace Portal.Payments;

/// <summary>
/// The Stripe side of charging pledges: an off-session PaymentIntent (<c>off_session</c>, <c>confirm</c>) on the saved
/// card, detaching the card, refunding. Idempotency keys derive from the pledge id, so a repeated call is answered
/// with the first call's result.
/// </summary>
public sealed class StripeCardPayments(IStripeClient stripe) : ICardPayments
{
    public async Task<CardCharge> ChargeSavedCardAsync(Pledge pledge, CancellationToken ct)
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = pledge.AmountFen,
            Currency = "cny",
            Customer = pledge.StripeCustomerId,
            PaymentMethod = pledge.StripePaymentMethodId,
            OffSession = true,
            Confirm = true,
            Description = $"pledge {pledge.Id}",
            Metadata = new Dictionary<string, string> { ["pledge_id"] = pledge.Id.ToString(), ["campaign_id"] = pledge.CampaignId.ToString() },
        };
        try
        {
            var intent = await new PaymentIntentService(stripe).CreateAsync(options,
                new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-charge" }, ct);
            return intent.Status switch
            {
                "succeeded" => new CardCharge(CardChargeStatus.Succeeded, intent.Id, intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, null),
                "processing" => new CardCharge(CardChargeStatus.Processing, intent.Id, 0, null),
                _ => new CardCharge(CardChargeStatus.NeedsAction, intent.Id, 0, intent.Status),
            };
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error" || ex.StripeError?.Code == "authentication_required")
        {
            return new CardCharge(CardChargeStatus.NeedsAction, ex.StripeError?.PaymentIntent?.Id, 0,
                ex.StripeError?.DeclineCode ?? ex.StripeError?.Code ?? "card_error");
        }
    }

    public async Task ReleaseSavedCardAsync(Pledge pledge, CancellationToken ct)
    {
        if (pledge.StripePaymentMethodId is not { } paymentMethod) return;
        await new PaymentMethodService(stripe).DetachAsync(paymentMethod, null, new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-release" }, ct);
    }

    public async Task DetachReplacedCardAsync(Pledge pledge, string paymentMethodId, CancellationToken ct) =>
        await new PaymentMethodService(stripe).DetachAsync(paymentMethodId, null,
            new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-detach-{paymentMethodId}" }, ct);

    public async Task RefundAsync(Pledge pledge, CancellationToken ct) =>
        await new RefundService(stripe).CreateAsync(new RefundCreateOptions
        {
            PaymentIntent = pledge.StripePaymentIntentId,
            Metadata = new Dictionary<string, string> { ["pledge_id"] = pledge.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-refund" }, ct);
}
