using Portal.Domain.Shared;

namespace Portal.Domain.Notices;

public enum NoticeCategory
{
    General = 0,
    Outage = 1,
    Construction = 2,
    Meeting = 3,
    Vote = 4,
    Fees = 5,
}

/// <summary>Who a notice is for: the whole compound, some buildings, or some entrances.</summary>
public enum NoticeReach
{
    Compound = 0,
    Buildings = 1,
    Entrances = 2,
}

/// <summary>
/// A notice (公告) from the property manager or a committee. Published now or at a set time, optionally pinned,
/// optionally until an expiry; some ask residents to confirm they have read it (已读确认).
/// </summary>
public class Notice
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;

    private Notice() { }

    public Notice(long compoundId, string title, string bodyMarkdown, NoticeCategory category, NoticeReach reach, IEnumerable<long> targetIds,
        bool pinned, bool requiresAcknowledgement, DateTimeOffset publishAt, DateTimeOffset? expiresAt, string postedBy, DateTimeOffset postedAt)
    {
        title = title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > TitleMaxLength)
            throw new DomainException("notice.title_invalid", "A notice needs a title of at most 200 characters.");
        if ((bodyMarkdown ?? "").Length > BodyMaxLength)
            throw new DomainException("notice.body_too_long", "A notice's text is at most 20,000 characters.");
        var targets = targetIds.Distinct().OrderBy(x => x).ToList();
        if (reach != NoticeReach.Compound && targets.Count == 0)
            throw new DomainException("notice.no_targets", "Choose at least one building or entrance.");
        if (expiresAt is not null && expiresAt <= publishAt)
            throw new DomainException("notice.expires_before_publish", "A notice must expire after it is published.");
        CompoundId = compoundId;
        Title = title;
        BodyMarkdown = bodyMarkdown ?? "";
        Category = category;
        Reach = reach;
        TargetIdsText = reach == NoticeReach.Compound ? "" : string.Join(',', targets);
        Pinned = pinned;
        RequiresAcknowledgement = requiresAcknowledgement;
        PublishAt = publishAt;
        ExpiresAt = expiresAt;
        PostedBy = postedBy;
        PostedAt = postedAt;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public string Title { get; private set; } = "";
    public string BodyMarkdown { get; private set; } = "";
    public NoticeCategory Category { get; private set; }
    public NoticeReach Reach { get; private set; }
    /// <summary>Building or entrance ids, comma-separated; empty for the whole compound.</summary>
    public string TargetIdsText { get; private set; } = "";
    public bool Pinned { get; private set; }
    public bool RequiresAcknowledgement { get; private set; }
    /// <summary>Urgent (water or power cut, works in the stairwell): also texted to residents who have no email.</summary>
    public bool Urgent { get; private set; }
    public DateTimeOffset PublishAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public string PostedBy { get; private set; } = "";
    public DateTimeOffset PostedAt { get; private set; }
    public DateTimeOffset? LastRemindedAt { get; private set; }
    public int Reminders { get; private set; }

    public IReadOnlyList<long> TargetIds =>
        TargetIdsText.Length == 0 ? [] : TargetIdsText.Split(',').Select(long.Parse).ToList();

    public bool IsPublished => PublishedAt is not null;

    public void MarkUrgent() => Urgent = true;

    public bool IsCurrent(DateTimeOffset now) => IsPublished && (ExpiresAt is null || ExpiresAt > now);

    public bool Covers(long buildingId, long entranceId) => Reach switch
    {
        NoticeReach.Compound => true,
        NoticeReach.Buildings => TargetIds.Contains(buildingId),
        NoticeReach.Entrances => TargetIds.Contains(entranceId),
        _ => false,
    };

    /// <summary>Publishes the notice; false when it is not yet its time (a scheduled job calls this at the time).</summary>
    public bool Publish(DateTimeOffset now)
    {
        if (IsPublished) throw new DomainException("notice.already_published", "This notice is already published.");
        if (PublishAt > now) return false;
        PublishedAt = now;
        return true;
    }

    public void CheckCanBeAcknowledged(DateTimeOffset now)
    {
        if (!RequiresAcknowledgement)
            throw new DomainException("notice.no_acknowledgement", "This notice does not ask for confirmation.");
        if (!IsCurrent(now))
            throw new DomainException("notice.not_current", "This notice is not published or has expired.");
    }

    public void RecordReminder(DateTimeOffset at)
    {
        CheckCanBeAcknowledged(at);
        LastRemindedAt = at;
        Reminders++;
    }
}

/// <summary>A PDF or image attached to a notice (the file itself is a StoredFile).</summary>
public class NoticeAttachment
{
    private NoticeAttachment() { }

    public NoticeAttachment(long noticeId, Guid storedFileId, string fileName, string contentType)
    {
        NoticeId = noticeId;
        StoredFileId = storedFileId;
        FileName = fileName;
        ContentType = contentType;
    }

    public long Id { get; private set; }
    public long NoticeId { get; private set; }
    public Guid StoredFileId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
}

/// <summary>One flat confirmed it has read a notice (one tap by any resident of the flat), with the time.</summary>
public class NoticeAcknowledgement
{
    private NoticeAcknowledgement() { }

    public NoticeAcknowledgement(long noticeId, long flatId, string userId, DateTimeOffset at)
    {
        NoticeId = noticeId;
        FlatId = flatId;
        UserId = userId;
        At = at;
    }

    public long Id { get; private set; }
    public long NoticeId { get; private set; }
    public long FlatId { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
