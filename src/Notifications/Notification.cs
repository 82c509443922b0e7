namespace Portal.Notifications;

/// <summary>One event in one account's inbox. The in-app inbox always receives, whatever the email preference.</summary>
public class Notification
{
    private Notification() { }

    public Notification(long eventId, string userId, NotificationKind kind, long? compoundId, string title, string link, DateTimeOffset createdAt)
    {
        EventId = eventId;
        UserId = userId;
        Kind = kind;
        CompoundId = compoundId;
        Title = title.Length > 300 ? title[..300] : title;
        Link = link;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public long EventId { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public long? CompoundId { get; private set; }
    /// <summary>Rendered in the recipient's language when the event was fanned out.</summary>
    public string Title { get; private set; } = "";
    public string Link { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

/// <summary>How an event reaches an account outside the inbox.</summary>
public enum DeliveryChannel
{
    Email = 0,
    /// <summary>Collected into the evening digest email.</summary>
    Digest = 1,
    /// <summary>A text message, for accounts without email (a vote opening, closing or result, an urgent notice).</summary>
    Sms = 2,
}

public enum DeliveryStatus
{
    Pending = 0,
    /// <summary>
    /// Claimed by one worker until <see cref="Delivery.LeaseUntil"/>; once the lease has expired (the worker died or
    /// hung), any worker may claim the row again.
    /// </summary>
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// Once per (event, recipient, channel): the row is written, with a unique key, before anything is sent; a worker
/// claims rows by moving them from pending (or failed) to sending with a lease, so a retried job, a second worker or
/// a second server does not send the same row twice while the lease runs. A row claimed again after its lease
/// expired may have been accepted by the provider already (the worker died before marking it): it is counted as a
/// possible duplicate (<see cref="ExpiredLeases"/>).
/// </summary>
public class Delivery
{
    private Delivery() { }

    public Delivery(long eventId, string userId, DeliveryChannel channel, DateTimeOffset createdAt)
    {
        EventId = eventId;
        UserId = userId;
        Channel = channel;
        CreatedAt = createdAt;
        Status = DeliveryStatus.Pending;
    }

    public long Id { get; private set; }
    public long EventId { get; private set; }
    public string UserId { get; private set; } = "";
    public DeliveryChannel Channel { get; private set; }
    public DeliveryStatus Status { get; private set; }
    /// <summary>Which batch claimed the row (one batch is one request to the email service).</summary>
    public Guid? ClaimId { get; private set; }
    /// <summary>While <see cref="DeliveryStatus.Sending"/>: the claim is the claiming worker's until then.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }
    /// <summary>How often the row was claimed again after a lease expired; above 0 on a sent row, it may have gone out twice.</summary>
    public int ExpiredLeases { get; private set; }
    public int Attempts { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
}

/// <summary>What an account wants by email for one kind of event. No row means <see cref="EmailChoice.Immediately"/>.</summary>
public enum EmailChoice
{
    Immediately = 0,
    DailyDigest = 1,
    None = 2,
}

public class NotificationPreference
{
    private NotificationPreference() { }

    public NotificationPreference(string userId, NotificationKind kind, EmailChoice email)
    {
        UserId = userId;
        Kind = kind;
        Email = email;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public EmailChoice Email { get; private set; }

    public void Choose(EmailChoice email) => Email = email;
}
