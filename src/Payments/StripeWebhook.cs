using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Stripe;

namespace Portal.Payments;

/// <summary>One small handler per Stripe event type; runs inside the webhook's transaction (the caller saves).</summary>
public interface IStripeEventHandler
{
    string EventType { get; }
    Task HandleAsync(Event stripeEvent, CancellationToken ct);
}

/// <summary>
/// POST /webhooks/stripe: verify the signature on the raw body first, skip an event id already processed, dispatch
/// on the type, and store the event id in the same transaction as the change it caused.
/// </summary>
public static class StripeWebhook
{
    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", HandleAsync).DisableAntiforgery().AllowAnonymous();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, IOptions<StripeSettings> settings, PortalDb db,
        IEnumerable<IStripeEventHandler> handlers, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger("Portal.Payments.StripeWebhook");
        var secret = settings.Value.WebhookSecret;
        if (string.IsNullOrWhiteSpace(secret)) return Results.NotFound();
        string json;
        using (var reader = new StreamReader(request.Body))
            json = await reader.ReadToEndAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, request.Headers["Stripe-Signature"], secret, throwOnApiVersionMismatch: false);
        }
        catch (StripeException ex)
        {
            log.LogWarning("Refused a Stripe webhook: {Reason}", ex.Message);
            return Results.BadRequest(new { error = "invalid_signature" });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Parsing is pure (JSON readers throw JsonException, InvalidOperationException, FormatException…).
            // Correctly signed but not an event: Stripe retries a 5xx for days, so say 400 once and change nothing.
            log.LogWarning("Refused a signed but unparseable Stripe webhook: {Reason}", ex.Message);
            return Results.BadRequest(new { error = "malformed_event" });
        }
        if (string.IsNullOrWhiteSpace(stripeEvent?.Id) || string.IsNullOrWhiteSpace(stripeEvent.Type) || stripeEvent.Data?.Object is null)
        {
            log.LogWarning("Refused a signed Stripe webhook without an id, a type or a data object");
            return Results.BadRequest(new { error = "malformed_event" });
        }

        if (await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.EventId == stripeEvent.Id, ct))
            return Results.Ok(new { received = true, duplicate = true });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var handler = handlers.FirstOrDefault(h => h.EventType == stripeEvent.Type);
        if (handler is not null) await handler.HandleAsync(stripeEvent, ct);
        db.Add(new ProcessedStripeEvent(stripeEvent.Id, stripeEvent.Type, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two deliveries raced: if the other one won, its change stands and ours is rolled back.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await db.Set<ProcessedStripeEvent>().AnyAsync(e => e.EventId == stripeEvent.Id, CancellationToken.None))
                return Results.Ok(new { received = true, duplicate = true });
            throw;
        }
        return Results.Ok(new { received = true });
    }
}
