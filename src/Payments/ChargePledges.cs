using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Features.Funding;
using Stripe;

namespace Portal.Payments;

/// <summary>
/// Background jobs (ids only, safe to run twice) that move money for a campaign: charge saved cards off-session when
/// it succeeds, release them when it fails, refund when the project is cancelled after charging, and drop pledges
/// whose grace period ran out. Every Stripe call carries an idempotency key derived from the pledge id.
/// </summary>
public sealed class ChargePledges(IStripeClient stripe, PortalDb db, ProjectLedger ledger, INotifier notifier, TimeProvider clock,
    IOptions<FundingSettings> settings, ILogger<ChargePledges> log)
{
    public async Task ChargeAsync(long campaignId, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        if (campaign.Status != CampaignStatus.Succeeded) return;
        var ids = await db.Set<Pledge>().Where(p => p.CampaignId == campaignId && p.Status == PledgeStatus.CardSaved)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var pledge = await db.Set<Pledge>().SingleAsync(p => p.Id == id, ct);
            if (pledge.Status != PledgeStatus.CardSaved) continue; // another server got here first
            await ChargeOneAsync(pledge, ct);
        }
    }

    private async Task ChargeOneAsync(Pledge pledge, CancellationToken ct)
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
            if (intent.Status is "succeeded" or "processing")
            {
                pledge.MarkCharged(intent.Id);
                if (intent.Status == "succeeded") await PayAsync(pledge, intent.AmountReceived > 0 ? intent.AmountReceived : intent.Amount, "card", ct);
            }
            else
            {
                pledge.MarkActionNeeded(intent.Status, intent.Id, clock.GetUtcNow());
                await NotifyFailedAsync(pledge, ct);
            }
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error" || ex.StripeError?.Code == "authentication_required")
        {
            log.LogInformation("Charging pledge {Pledge} failed: {Code}", pledge.Id, ex.StripeError?.Code);
            pledge.MarkActionNeeded(ex.StripeError?.DeclineCode ?? ex.StripeError?.Code ?? "card_error", ex.StripeError?.PaymentIntent?.Id, clock.GetUtcNow());
            await NotifyFailedAsync(pledge, ct);
        }
        // If another run moved this pledge meanwhile, Stripe answered both with the same PaymentIntent (same idempotency key).
        await SaveUnlessMovedAsync(pledge, ct);
    }

    /// <summary>Money from a card arrived for a pledge (called by the job and by the payment_intent.succeeded handler).</summary>
    public async Task PayAsync(Pledge pledge, long amountFen, string how, CancellationToken ct)
    {
        var amount = Math.Min(amountFen, pledge.OwedFen);
        if (amount <= 0) return;
        pledge.RecordPayment(amount, clock.GetUtcNow());
        await ledger.AddHouseholdPaymentAsync(pledge, amount, $"{how}:pledge-{pledge.Id}", "stripe", ct);
        var (code, item) = await WhereAsync(pledge, ct);
        notifier.Raise(NotificationKind.PledgeCharged, pledge.CompoundId, Audience.Users(pledge.UserId), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(amount) });
    }

    public async Task NotifyFailedAsync(Pledge pledge, CancellationToken ct)
    {
        var (code, item) = await WhereAsync(pledge, ct);
        var payBy = clock.GetUtcNow().AddDays(settings.Value.GracePeriodDays);
        notifier.Raise(NotificationKind.PledgeFailed, pledge.CompoundId, Audience.Users(pledge.UserId), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(pledge.OwedFen), ["payBy"] = payBy.ToString("O") });
    }

    /// <summary>The campaign failed or was cancelled: nothing is charged, and saved cards are detached from the customer.</summary>
    public async Task ReleaseAsync(long campaignId, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        if (campaign.Status is not (CampaignStatus.Failed or CampaignStatus.Cancelled)) return;
        var ids = await db.Set<Pledge>().Where(p => p.CampaignId == campaignId && (p.Status == PledgeStatus.Pledged || p.Status == PledgeStatus.CardSaved))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var pledge = await db.Set<Pledge>().SingleAsync(p => p.Id == id, ct);
            if (pledge.Status is not (PledgeStatus.Pledged or PledgeStatus.CardSaved)) continue;
            if (pledge.StripePaymentMethodId is { } pm)
                await new PaymentMethodService(stripe).DetachAsync(pm, null, new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-release" }, ct);
            pledge.Release(clock.GetUtcNow());
            await SaveUnlessMovedAsync(pledge, ct);
        }
    }

    /// <summary>Saves, unless another run moved the pledge meanwhile (then its change stands).</summary>
    private async Task<bool> SaveUnlessMovedAsync(Pledge pledge, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Pledge {Pledge} was moved by another run", pledge.Id);
            return false;
        }
    }

    /// <summary>The project was cancelled after charging: card payments go back through Stripe.</summary>
    public async Task RefundAsync(long campaignId, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == campaignId, ct);
        if (campaign.Status != CampaignStatus.Cancelled) return;
        var ids = await db.Set<Pledge>().Where(p => p.CampaignId == campaignId && p.StripePaymentIntentId != null &&
                                                     (p.Status == PledgeStatus.Paid || p.Status == PledgeStatus.Charged))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var pledge = await db.Set<Pledge>().SingleAsync(p => p.Id == id, ct);
            if (pledge.Status is not (PledgeStatus.Paid or PledgeStatus.Charged)) continue;
            if (pledge.PaidFen > 0) await ledger.AddRefundAsync(pledge, pledge.PaidFen, "stripe", ct);
            await new RefundService(stripe).CreateAsync(new RefundCreateOptions
            {
                PaymentIntent = pledge.StripePaymentIntentId,
                Metadata = new Dictionary<string, string> { ["pledge_id"] = pledge.Id.ToString() },
            }, new RequestOptions { IdempotencyKey = $"pledge-{pledge.Id}-refund" }, ct);
            pledge.MarkRefunded(clock.GetUtcNow());
            var (code, item) = await WhereAsync(pledge, ct);
            notifier.Raise(NotificationKind.PledgeRefunded, pledge.CompoundId, Audience.Users(pledge.UserId), $"/c/{code}/funding/{item.Id}",
                new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(pledge.PaidFen) });
            if (await SaveUnlessMovedAsync(pledge, ct)) await tx.CommitAsync(ct);
        }
    }

    /// <summary>Recurring: pledges still unpaid after the grace period are dropped, and the committee is told.</summary>
    public async Task DropOverdueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var grace = settings.Value.GracePeriodDays;
        var waiting = await db.Set<Pledge>().Where(p => p.Status == PledgeStatus.ActionNeeded).Select(p => p.Id).ToListAsync(ct);
        foreach (var id in waiting)
        {
            db.ChangeTracker.Clear();
            var pledge = await db.Set<Pledge>().SingleAsync(p => p.Id == id, ct);
            if (!pledge.GraceOver(now, grace)) continue;
            pledge.Drop(now);
            var (code, item) = await WhereAsync(pledge, ct);
            notifier.Raise(NotificationKind.PledgeFailed, pledge.CompoundId, Audience.WithRole(CompoundRoleKind.Committee), $"/c/{code}/funding/{item.Id}",
                new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(pledge.AmountFen), ["dropped"] = "true", ["pledge"] = pledge.Id.ToString() });
            await SaveUnlessMovedAsync(pledge, ct);
        }
    }

    private async Task<(string Code, PlanItem Item)> WhereAsync(Pledge pledge, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == pledge.CampaignId, ct);
        var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == pledge.CompoundId).Select(c => c.Code).SingleAsync(ct);
        return (code, item);
    }
}
