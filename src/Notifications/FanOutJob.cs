using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications.Email;
using Portal.Notifications.Sms;
using Portal.Notifications.Templates;

namespace Portal.Notifications;

/// <summary>
/// Delivers one stored event: an inbox entry for every recipient, then email per each recipient's preference for
/// the kind (now, in the evening digest, or not at all); accounts with no confirmed email but a confirmed phone get
/// an SMS instead for the kinds <see cref="SmsNotifications"/> texts, unless they chose nothing for the kind. Safe to run twice or on two servers at once: inbox entries
/// and deliveries have unique keys, and a batch of deliveries is claimed under a lease (<see cref="DeliveryClaims"/>)
/// before it is handed to the email service. The job ends successfully only when every email row is sent.
/// </summary>
public sealed class FanOutJob(
    PortalDb db,
    IEnumerable<IAudienceResolver> resolvers,
    IEmailSender email,
    ISmsSender sms,
    EmailComposer composer,
    DeliveryClaims claims,
    TimeProvider clock,
    IConfiguration config,
    ILogger<FanOutJob> log)
{
    /// <summary>One batch is one request to SendGrid (at most 1,000 personalisations).</summary>
    public const int MaxBatchSize = 1000;

    private int BatchSize => Math.Clamp(config.GetValue("Notifications:BatchSize", MaxBatchSize), 1, MaxBatchSize);

    /// <summary>One SMS batch is one SendBatchSms request (at most 100 numbers).</summary>
    private int SmsBatchSize => Math.Clamp(config.GetValue("Notifications:SmsBatchSize", SmsLimits.BatchSize), 1, SmsLimits.BatchSize);

    /// <summary>
    /// Several events in one job (the receipts of a batch of ballots written together): one job's bookkeeping instead
    /// of one per event. Each event is fanned out as by <see cref="RunAsync"/>; one that fails does not stop the others,
    /// and a retry passes quickly over those already done.
    /// </summary>
    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [15, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200])]
    public async Task RunManyAsync(long[] eventIds, CancellationToken ct)
    {
        List<Exception>? failures = null;
        foreach (var id in eventIds)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await RunAsync(id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Fan-out of event #{Event} failed; the job will retry it", id);
                (failures ??= []).Add(e);
            }
            db.ChangeTracker.Clear();
        }
        if (failures is not null) throw new AggregateException($"{failures.Count} of {eventIds.Length} events were not fanned out.", failures);
    }

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [15, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200])]
    public async Task RunAsync(long eventId, CancellationToken ct)
    {
        var e = await db.Set<NotificationEvent>().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null) return; // rolled back, or not committed yet: the sweeper will find it if it appears
        if (e.FannedOutAt is null)
        {
            await RecordAsync(e, ct);
            e.MarkFannedOut(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        await SendPendingAsync(e, ct);
    }

    private Task<IQueryable<string>> RecipientsAsync(NotificationEvent e, CancellationToken ct)
    {
        var audience = e.Audience;
        var resolver = resolvers.FirstOrDefault(r => r.Handles(audience.Kind))
                       ?? throw new InvalidOperationException($"No audience resolver handles {audience.Kind} (event #{e.Id}).");
        return resolver.RecipientsAsync(e, audience, ct);
    }

    /// <summary>Inbox entries and delivery rows, written before anything is sent.</summary>
    private async Task RecordAsync(NotificationEvent e, CancellationToken ct)
    {
        var recipientIds = await RecipientsAsync(e, ct);
        var users = await db.Users.AsNoTracking().Where(u => recipientIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.EmailConfirmed, u.PhoneNumber, u.PhoneNumberConfirmed, u.PreferredCulture }).ToListAsync(ct);
        var haveInbox = (await db.Set<Notification>().Where(n => n.EventId == e.Id).Select(n => n.UserId).ToListAsync(ct)).ToHashSet();
        var haveDelivery = (await db.Set<Delivery>().Where(d => d.EventId == e.Id).Select(d => new { d.UserId, d.Channel }).ToListAsync(ct))
            .Select(d => (d.UserId, d.Channel)).ToHashSet();
        var choices = await db.Set<NotificationPreference>().AsNoTracking()
            .Where(p => p.Kind == e.Kind && recipientIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.Email, ct);

        var now = clock.GetUtcNow();
        var values = e.Values;
        var texted = SmsNotifications.TemplateSetting(e.Kind, values) is not null;
        foreach (var u in users)
        {
            if (!haveInbox.Contains(u.Id))
            {
                var title = EmailTemplates.Subject(e.Kind, EmailTemplates.CultureFor(u.PreferredCulture), values);
                db.Add(new Notification(e.Id, u.Id, e.Kind, e.CompoundId, title, e.Link, now));
            }
            var choice = choices.GetValueOrDefault(u.Id, EmailChoice.Immediately);
            if (string.IsNullOrWhiteSpace(u.Email) || !u.EmailConfirmed)
            {
                // No email to reach them: the kinds worth a paid SMS go to a confirmed phone, once, whatever the email timing.
                if (texted && choice != EmailChoice.None && u.PhoneNumberConfirmed && !string.IsNullOrWhiteSpace(u.PhoneNumber)
                    && !haveDelivery.Contains((u.Id, DeliveryChannel.Sms)))
                    db.Add(new Delivery(e.Id, u.Id, DeliveryChannel.Sms, now));
                continue;
            }
            var channel = choice switch
            {
                EmailChoice.Immediately => DeliveryChannel.Email,
                EmailChoice.DailyDigest => DeliveryChannel.Digest,
                _ => (DeliveryChannel?)null,
            };
            if (channel is { } c && !haveDelivery.Contains((u.Id, c)))
                db.Add(new Delivery(e.Id, u.Id, c, now));
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Event #{Id} ({Kind}) fanned out to {Count} accounts", e.Id, e.Kind, users.Count);
    }

    /// <summary>Email rows first, then SMS rows; each channel in batches, each batch claimed under a lease.</summary>
    private async Task SendPendingAsync(NotificationEvent e, CancellationToken ct)
    {
        var values = e.Values;
        var link = composer.Absolute(e.Link);
        var emailError = await SendChannelAsync(e, DeliveryChannel.Email, BatchSize,
            batch => email.SendBatchAsync(batch.Select(r => composer.Event(e, values, new Recipient(r.UserId, r.Email, r.Culture))).ToList(), ct), ct);
        var smsError = await SendChannelAsync(e, DeliveryChannel.Sms, SmsBatchSize,
            batch => sms.SendBatchAsync(batch.Select(r => SmsNotifications.Compose(e, values, r.Phone!, r.Culture, link)).ToList(), ct), ct);
        // Hangfire retries the job with back-off; only failed rows are sent again.
        if ((emailError ?? smsError) is { } lastError)
            throw new EmailBatchFailedException($"Event #{e.Id}: some batches failed ({lastError}); retrying later.");
        ct.ThrowIfCancellationRequested();
        // Never "succeeded" with rows unsent: rows another worker holds are checked again once its lease has run out.
        var outstanding = await db.Set<Delivery>().CountAsync(d => d.EventId == e.Id && (d.Channel == DeliveryChannel.Email || d.Channel == DeliveryChannel.Sms)
                                                                   && d.Status != DeliveryStatus.Sent, ct);
        if (outstanding > 0)
            throw new DeliveriesOutstandingException($"Event #{e.Id}: {outstanding} deliveries are not sent yet (held by another worker or claimable again); retrying later.");
    }

    private sealed record Addressee(string UserId, string? Email, string? Phone, string Culture);

    /// <summary>Sends the event's claimable rows of one channel; returns the last batch's error, if any failed.</summary>
    private async Task<string?> SendChannelAsync(NotificationEvent e, DeliveryChannel channel, int batchSize,
        Func<IReadOnlyList<Addressee>, Task> send, CancellationToken ct)
    {
        long after = 0;
        string? lastError = null;
        var rows = db.Set<Delivery>().Where(d => d.EventId == e.Id && d.Channel == channel);
        while (true)
        {
            var ids = await DeliveryClaims.Claimable(rows.Where(d => d.Id > after), clock.GetUtcNow())
                .OrderBy(d => d.Id).Select(d => d.Id).Take(batchSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            after = ids[^1];

            var claim = await claims.ClaimAsync(db.Set<Delivery>().Where(d => ids.Contains(d.Id)), ct);
            string? error = null;
            int count;
            try
            {
                var batch = await (from d in db.Set<Delivery>().AsNoTracking()
                                   join u in db.Users on d.UserId equals u.Id
                                   where d.ClaimId == claim
                                   orderby d.Id
                                   select new Addressee(u.Id, u.Email, u.PhoneNumber, u.PreferredCulture)).ToListAsync(ct);
                count = batch.Count;
                if (count == 0) continue; // another worker claimed them first
                try
                {
                    await send(batch);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                }
            }
            catch (OperationCanceledException)
            {
                // Shutting down before the provider answered: nothing was accepted, so the rows go back at once.
                var released = await claims.ReleaseAsync(claim);
                log.LogInformation("Event #{Id}: cancelled, {Count} {Channel} deliveries back to pending", e.Id, released, channel);
                throw;
            }
            db.ChangeTracker.Clear();
            if (error is null)
            {
                var marked = await claims.MarkSentAsync(claim);
                if (marked < count)
                    log.LogWarning("Event #{Id}: the lease on {Count} {Channel} deliveries ran out before they were sent; another worker may send them again",
                        e.Id, count - marked, channel);
            }
            else
            {
                lastError = error;
                await claims.MarkFailedAsync(claim, error);
                log.LogWarning("Event #{Id}: a batch of {Count} {Channel} deliveries failed: {Error}", e.Id, count, channel, error);
            }
        }
        return lastError;
    }
}
