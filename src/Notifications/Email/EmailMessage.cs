namespace Portal.Notifications.Email;

public enum EmailStatus
{
    /// <summary>No email service is configured: the message waits in the outbox for an admin to read.</summary>
    KeptInOutbox = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>Every email the portal sends, kept so admins can see deliveries and failures.</summary>
public class EmailMessage
{
    private EmailMessage() { }

    public EmailMessage(string to, string subject, string textBody, string? htmlBody, string kind, DateTimeOffset createdAt)
    {
        To = to;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        Kind = kind;
        CreatedAt = createdAt;
        Status = EmailStatus.Sending;
    }

    public long Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string? HtmlBody { get; private set; }
    /// <summary>What the email is about, e.g. "account.confirm" or "notice.published".</summary>
    public string Kind { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public EmailStatus Status { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? Error { get; private set; }
    public int Attempts { get; private set; }

    public void KeepInOutbox() => Status = EmailStatus.KeptInOutbox;

    public void MarkSent(DateTimeOffset at)
    {
        Status = EmailStatus.Sent;
        SentAt = at;
        Attempts++;
        Error = null;
    }

    public void MarkFailed(string error)
    {
        Status = EmailStatus.Failed;
        Attempts++;
        Error = error.Length > 1000 ? error[..1000] : error;
    }
}
