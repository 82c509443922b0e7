using Portal.Data;

namespace Portal.Notifications.Email;

/// <summary>The embedded default: keeps every message in the outbox (read at /admin/outbox).</summary>
public sealed class OutboxEmailSender(PortalDb db, TimeProvider clock, ILogger<OutboxEmailSender> log) : IEmailSender
{
    public async Task<long> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var message = new EmailMessage(email.To, email.Subject, email.TextBody, email.HtmlBody, email.Kind, clock.GetUtcNow());
        message.KeepInOutbox();
        db.Add(message);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Email {Kind} to {To} kept in the outbox as #{Id}", email.Kind, email.To, message.Id);
        return message.Id;
    }

    public async Task SendBatchAsync(IReadOnlyList<OutgoingEmail> batch, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var email in batch)
        {
            var message = new EmailMessage(email.To, email.Subject, email.TextBody, email.HtmlBody, email.Kind, now);
            message.KeepInOutbox();
            db.Add(message);
        }
        await db.SaveChangesAsync(ct);
    }
}
