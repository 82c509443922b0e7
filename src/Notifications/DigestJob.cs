using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Notifications.Email;

namespace Portal.Notifications;

/// <summary>
/// The evening digest (20:00 Asia/Shanghai): one email per account listing the events it chose to get that way.
/// Deliveries are claimed per batch of accounts under a lease before sending, as in <see cref="FanOutJob"/>.
/// </summary>
public sealed class DigestJob(PortalDb db, IEmailSender email, EmailComposer composer, DeliveryClaims claims, TimeProvider clock, ILogger<DigestJob> log)
{
    public const string RecurringId = "notification-digest";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 1800, 3600])]
    public async Task RunAsync(CancellationToken ct)
    {
        string? lastError = null;
        string after = "";
        while (true)
        {
            var digest = db.Set<Delivery>().Where(d => d.Channel == DeliveryChannel.Digest);
            var users = await DeliveryClaims.Claimable(digest.Where(d => string.Compare(d.UserId, after) > 0), clock.GetUtcNow())
                .Select(d => d.UserId).Distinct().OrderBy(u => u).Take(FanOutJob.MaxBatchSize).ToListAsync(ct);
            if (users.Count == 0) break;
            after = users[^1];

            var claim = await claims.ClaimAsync(digest.Where(d => users.Contains(d.UserId)), ct);
            var rows = await (from d in db.Set<Delivery>().AsNoTracking()
                              join e in db.Set<NotificationEvent>().AsNoTracking() on d.EventId equals e.Id
                              join u in db.Users on d.UserId equals u.Id
                              where d.ClaimId == claim
                              orderby d.UserId, e.Id
                              select new { Recipient = new Recipient(u.Id, u.Email, u.PreferredCulture), Event = e }).ToListAsync(CancellationToken.None);
            if (rows.Count == 0) continue;
            var emails = rows.GroupBy(r => r.Recipient.UserId)
                .Select(g => composer.Digest(g.First().Recipient, g.Select(r => (r.Event, r.Event.Values)).ToList()))
                .ToList();

            string? error = null;
            try { await email.SendBatchAsync(emails, ct); }
            catch (OperationCanceledException)
            {
                await claims.ReleaseAsync(claim); // not accepted: back to pending at once
                throw;
            }
            catch (Exception ex) { error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message; }
            db.ChangeTracker.Clear();
            if (error is null)
                await claims.MarkSentAsync(claim);
            else
            {
                lastError = error;
                await claims.MarkFailedAsync(claim, error);
                log.LogWarning("A digest batch of {Count} emails failed: {Error}", emails.Count, error);
            }
        }
        if (lastError is not null) throw new EmailBatchFailedException($"Some digest batches failed ({lastError}); retrying later.");
    }
}
