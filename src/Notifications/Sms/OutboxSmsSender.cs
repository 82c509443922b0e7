using Portal.Data;

namespace Portal.Notifications.Sms;

/// <summary>The default with no provider configured: every SMS waits in /admin/outbox.</summary>
public sealed class OutboxSmsSender(PortalDb db, TimeProvider clock, ILogger<OutboxSmsSender> log) : ISmsSender
{
    public async Task<long> SendAsync(OutgoingSms sms, CancellationToken ct = default)
    {
        var message = new SmsMessage(sms.To, sms.Kind, sms.Text, clock.GetUtcNow());
        message.KeepInOutbox();
        db.Add(message);
        await db.SaveChangesAsync(ct);
        log.LogInformation("SMS {Kind} to {To} kept in the outbox as #{Id}", sms.Kind, sms.To, message.Id);
        return message.Id;
    }

    public async Task SendBatchAsync(IReadOnlyList<OutgoingSms> batch, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var sms in batch)
        {
            var message = new SmsMessage(sms.To, sms.Kind, sms.Text, now);
            message.KeepInOutbox();
            db.Add(message);
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("{Count} SMS kept in the outbox", batch.Count);
    }
}
