using Portal.Data;
using Portal.Domain.Funding;
using Stripe;
using Stripe.Checkout;

namespace Portal.Payments;

/// <summary>Sends a resident to Stripe Checkout: setup mode to save a card for a later charge, payment mode to pay now.</summary>
public sealed class CardCheckout(IStripeClient stripe, PortalDb db, TimeProvider clock)
{
    /// <summary>Creates (once) the pledge's Stripe customer and a setup-mode Checkout Session; returns where to send the browser.</summary>
    public async Task<string> StartCardSetupAsync(Pledge pledge, string? email, string consentText, string successUrl, string cancelUrl, CancellationToken ct = default)
    {
        var metadata = new Dictionary<string, string> { ["pledge_id"] = pledge.Id.ToString(), ["campaign_id"] = pledge.CampaignId.ToString() };
        var customerId = pledge.StripeCustomerId;
        if (customerId is null)
        {
            var customer = await new CustomerService(stripe).CreateAsync(new CustomerCreateOptions { Email = email, Metadata = metadata },
                new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-customer" }, ct);
            customerId = customer.Id;
        }
        var session = await new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "setup",
            Currency = "cny",
            Customer = customerId,
            ClientReferenceId = pledge.Id.ToString(),
            SuccessUrl = successUrl,
            CancelUrl = cancelUrl,
            Metadata = metadata,
            SetupIntentData = new SessionSetupIntentDataOptions { Metadata = metadata, Description = consentText },
        }, cancellationToken: ct);
        pledge.StartCardSetup(consentText, session.Id, customerId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return session.Url;
    }

    /// <summary>A payment-mode Checkout Session for what a running-cost bill (运行维护费) still owes; the signed payment_intent.succeeded books it.</summary>
    public Task<string> StartRunningCostPaymentAsync(RunningCostCharge charge, string title, string successUrl, string cancelUrl, CancellationToken ct = default) =>
        PaymentSessionAsync(new Dictionary<string, string> { [RunningCostChargeKey] = charge.Id.ToString() }, customerId: null,
            $"running-cost-{charge.Id}", charge.OwedFen, title, successUrl, cancelUrl, ct);

    public const string RunningCostChargeKey = "running_cost_charge_id";

    /// <summary>A payment-mode Checkout Session for what the pledge still owes (after a failed off-session charge).</summary>
    public Task<string> StartPaymentAsync(Pledge pledge, string title, string successUrl, string cancelUrl, CancellationToken ct = default) =>
        PaymentSessionAsync(new Dictionary<string, string> { ["pledge_id"] = pledge.Id.ToString(), ["campaign_id"] = pledge.CampaignId.ToString() },
            pledge.StripeCustomerId, pledge.Id.ToString(), pledge.OwedFen, title, successUrl, cancelUrl, ct);

    /// <summary>One line of <paramref name="amountFen"/> in CNY; the metadata goes on the session and on its PaymentIntent, which the webhook reads.</summary>
    private async Task<string> PaymentSessionAsync(Dictionary<string, string> metadata, string? customerId, string clientReference, long amountFen,
        string title, string successUrl, string cancelUrl, CancellationToken ct)
    {
        var session = await new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            Customer = customerId,
            ClientReferenceId = clientReference,
            SuccessUrl = successUrl,
            CancelUrl = cancelUrl,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = "cny",
                        UnitAmount = amountFen,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = title },
                    },
                },
            ],
        }, cancellationToken: ct);
        return session.Url;
    }
}
