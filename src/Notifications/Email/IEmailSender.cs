namespace Portal.Notifications.Email;

/// <summary>An email to one recipient, already rendered in their language; <paramref name="Headers"/> such as List-Unsubscribe.</summary>
public sealed record OutgoingEmail(string To, string Subject, string TextBody, string? HtmlBody, string Kind,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Sends email. Every message is recorded in the outbox table first; with SendGrid configured it is
/// then handed to SendGrid, otherwise it stays in the outbox for platform admins to read.
/// </summary>
public interface IEmailSender
{
    /// <summary>Records and sends one email; returns its outbox id. Failures are recorded, not thrown.</summary>
    Task<long> SendAsync(OutgoingEmail email, CancellationToken ct = default);

    /// <summary>
    /// Sends a batch in as few requests as the service allows (SendGrid: 1,000 recipients a request).
    /// Throws <see cref="EmailBatchFailedException"/> when the service refuses the batch, so a job can retry it.
    /// </summary>
    Task SendBatchAsync(IReadOnlyList<OutgoingEmail> batch, CancellationToken ct = default);
}

public sealed class EmailBatchFailedException(string message) : Exception(message);
