using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;

namespace Portal.Features.Funding;

/// <summary>How an off-session charge of a saved card ended.</summary>
public enum CardChargeStatus { Succeeded, Processing, NeedsAction }

/// <summary>The card processor's answer to a charge: the payment's id there, what arrived, or why the resident must act.</summary>
public sealed record CardCharge(CardChargeStatus Status, string? PaymentIntentId, long AmountFen, string? FailureReason);

/// <summary>
/// The card processor (Stripe, in <c>Portal.Payments</c>). Every call carries an idempotency key derived from the
/// pledge id, so calling twice for the same pledge charges, releases or refunds once.
/// </summary>
public interface ICardPayments
{
    /// <summary>Charges the pledge's saved card off-session for its amount. A declined card is an answer, not an exception.</summary>
    Task<CardCharge> ChargeSavedCardAsync(Pledge pledge, CancellationToken ct);
    /// <summary>Detaches the saved card, so it can never be charged.</summary>
    Task ReleaseSavedCardAsync(Pledge pledge, CancellationToken ct);
    /// <summary>Detaches a card the pledge no longer uses (its amount or method changed, so its consent no longer holds).</summary>
    Task DetachReplacedCardAsync(Pledge pledge, string paymentMethodId, CancellationToken ct);
    /// <summary>Sends a card payment back.</summary>
    Task RefundAsync(Pledge pledge, CancellationToken ct);
}

/// <summary>
/// Background jobs (ids only, safe to run twice) that move money for a campaign: charge saved cards off-session when
/// it succeeds, release them when it fails, refund when the project is cancelled after charging, and drop pledges
/// whose grace period ran out. The card processor is behind <see cref="ICardPayments"/>.
/// </summary>
public sealed class ChargePledges(ICardPayments cards, PortalDb db, ProjectLedger ledger, INotifier notifier, TimeProvider clock,
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

    /// <summary>
    /// Recurring: charges succeeded campaigns that still hold saved, uncharged cards. Closing a campaign enqueues the
    /// charge after saving; if the process dies in between, this picks it up. Racing the enqueued job is harmless: each
    /// charge is idempotent and a pledge moved by another run is left as that run saved it.
    /// </summary>
    public async Task ChargeSucceededCampaignsAsync(CancellationToken ct)
    {
        var campaignIds = await db.Set<Campaign>()
            .Where(c => c.Status == CampaignStatus.Succeeded &&
                        db.Set<Pledge>().Any(p => p.CampaignId == c.Id && p.Status == PledgeStatus.CardSaved))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        foreach (var campaignId in campaignIds)
        {
            log.LogInformation("Campaign {Campaign} succeeded but still has saved cards: charging them", campaignId);
            await ChargeAsync(campaignId, ct);
        }
    }

    private async Task ChargeOneAsync(Pledge pledge, CancellationToken ct)
    {
        var charge = await cards.ChargeSavedCardAsync(pledge, ct);
        switch (charge.Status)
        {
            case CardChargeStatus.Succeeded:
                pledge.MarkCharged(charge.PaymentIntentId!);
                await PayAsync(pledge, charge.AmountFen, "card", ct);
                break;
            case CardChargeStatus.Processing:
                pledge.MarkCharged(charge.PaymentIntentId!);
                break;
            default:
                log.LogInformation("Charging pledge {Pledge} failed: {Reason}", pledge.Id, charge.FailureReason);
                pledge.MarkActionNeeded(charge.FailureReason ?? "card_error", charge.PaymentIntentId, clock.GetUtcNow());
                await NotifyFailedAsync(pledge, ct);
                break;
        }
        // If another run moved this pledge meanwhile, the processor answered both with the same payment (same idempotency key).
        await SaveUnlessMovedAsync(pledge, ct);
    }

    /// <summary>Money from a card arrived for a pledge (called by the job and by the payment-succeeded webhook); the caller saves.</summary>
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

    /// <summary>Tells the resident their card was not charged and by when to pay.</summary>
    public async Task NotifyFailedAsync(Pledge pledge, CancellationToken ct)
    {
        var (code, item) = await WhereAsync(pledge, ct);
        var payBy = clock.GetUtcNow().AddDays(settings.Value.GracePeriodDays);
        notifier.Raise(NotificationKind.PledgeFailed, pledge.CompoundId, Audience.Users(pledge.UserId), $"/c/{code}/funding/{item.Id}",
            new Dictionary<string, string> { ["title"] = item.Title, ["amount"] = Money.FormatYuan(pledge.OwedFen), ["payBy"] = payBy.ToString("O") });
    }

    /// <summary>The campaign failed or was cancelled: nothing is charged, and saved cards are released.</summary>
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
            if (pledge.StripePaymentMethodId is not null) await cards.ReleaseSavedCardAsync(pledge, ct);
            pledge.Release(clock.GetUtcNow());
            await SaveUnlessMovedAsync(pledge, ct);
        }
    }

    /// <summary>The project was cancelled after charging: card payments go back.</summary>
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
            await cards.RefundAsync(pledge, ct);
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

    private async Task<(string Code, PlanItem Item)> WhereAsync(Pledge pledge, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().SingleAsync(c => c.Id == pledge.CampaignId, ct);
        var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == pledge.CompoundId).Select(c => c.Code).SingleAsync(ct);
        return (code, item);
    }
}
