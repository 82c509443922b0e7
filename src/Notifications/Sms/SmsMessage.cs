using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Notifications.Sms;

public enum SmsStatus
{
    /// <summary>No SMS provider is configured: the message waits in /admin/outbox.</summary>
    KeptInOutbox = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>Every SMS the portal sends or keeps, so admins can count them (each one costs money) and see failures.</summary>
public class SmsMessage
{
    private SmsMessage() { }

    public SmsMessage(string to, string kind, string text, DateTimeOffset createdAt)
    {
        To = to;
        Kind = kind;
        Text = text;
        CreatedAt = createdAt;
        Status = SmsStatus.Sending;
    }

    public long Id { get; private set; }
    /// <summary>E.164.</summary>
    public string To { get; private set; } = "";
    /// <summary>What the SMS is about, e.g. "account.login-code".</summary>
    public string Kind { get; private set; } = "";
    /// <summary>The text the resident reads (for a template provider, what the template renders to).</summary>
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public SmsStatus Status { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>The provider's id for the send (Aliyun BizId).</summary>
    public string? ProviderId { get; private set; }
    public string? Error { get; private set; }

    public void KeepInOutbox() => Status = SmsStatus.KeptInOutbox;

    public void MarkSent(DateTimeOffset at, string? providerId)
    {
        Status = SmsStatus.Sent;
        SentAt = at;
        ProviderId = providerId;
        Error = null;
    }

    public void MarkFailed(string error)
    {
        Status = SmsStatus.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
    }
}

public sealed class SmsMessageConfiguration : IEntityTypeConfiguration<SmsMessage>
{
    public void Configure(EntityTypeBuilder<SmsMessage> e)
    {
        e.Property(x => x.To).HasMaxLength(32);
        e.Property(x => x.Kind).HasMaxLength(100);
        e.Property(x => x.Text).HasMaxLength(1000);
        e.Property(x => x.ProviderId).HasMaxLength(100);
        e.Property(x => x.Error).HasMaxLength(1000);
        e.HasIndex(x => x.CreatedAt);
        e.HasIndex(x => x.To);
    }
}
