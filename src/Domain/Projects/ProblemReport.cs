using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>What residents report during works (问题反馈).</summary>
public enum ProblemKind
{
    NightNoise = 0,
    BlockedExit = 1,
    Damage = 2,
    Safety = 3,
    Other = 4,
}

public enum ProblemStatus
{
    Open = 0,
    Closed = 1,
}

/// <summary>
/// A resident's report of a problem with the works. The committee or property manager answers and closes it;
/// the reporter may reopen it once if the answer did not solve it.
/// </summary>
public class ProblemReport
{
    private readonly List<ProblemReportPhoto> _photos = [];

    private ProblemReport() { }

    public ProblemReport(PlanItem item, ProblemKind kind, string text, string reportedBy, DateTimeOffset reportedAt)
    {
        if (item.Status is PlanItemStatus.Accepted or PlanItemStatus.Cancelled)
            throw new DomainException("problem.item_closed", "This item is finished; problems can no longer be reported on it.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException("problem.text_required", "Describe the problem.");
        PlanItemId = item.Id;
        CompoundId = item.CompoundId;
        Kind = kind;
        Text = text.Trim();
        ReportedBy = reportedBy;
        ReportedAt = reportedAt;
        Status = ProblemStatus.Open;
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public ProblemKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public string ReportedBy { get; private set; } = "";
    public DateTimeOffset ReportedAt { get; private set; }
    public ProblemStatus Status { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public bool Reopened { get; private set; }
    public string? ReopenReason { get; private set; }
    public DateTimeOffset? ReopenedAt { get; private set; }
    public IReadOnlyList<ProblemReportPhoto> Photos => _photos;

    public void AddPhoto(Guid storedFileId)
    {
        if (_photos.Count >= MaxPhotos)
            throw new DomainException("problem.too_many_photos", $"At most {MaxPhotos} photos per report.");
        _photos.Add(new ProblemReportPhoto(storedFileId));
    }

    public const int MaxPhotos = 4;

    /// <summary>Answers the report and closes it.</summary>
    public void AnswerAndClose(string answer, string by, DateTimeOffset at)
    {
        if (Status != ProblemStatus.Open)
            throw new DomainException("problem.not_open", "This report is already closed.");
        if (string.IsNullOrWhiteSpace(answer))
            throw new DomainException("problem.answer_required", "Write an answer before closing.");
        Answer = answer.Trim();
        AnsweredBy = by;
        AnsweredAt = at;
        Status = ProblemStatus.Closed;
        ClosedAt = at;
    }

    public bool CanBeReopenedBy(string userId) => Status == ProblemStatus.Closed && !Reopened && userId == ReportedBy;

    /// <summary>The reporter reopens a closed report, once.</summary>
    public void Reopen(string by, string reason, DateTimeOffset at)
    {
        if (by != ReportedBy)
            throw new DomainException("problem.not_reporter", "Only the reporter can reopen a report.");
        if (Status != ProblemStatus.Closed)
            throw new DomainException("problem.not_closed", "Only a closed report can be reopened.");
        if (Reopened)
            throw new DomainException("problem.reopened_once", "A report can be reopened only once.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("problem.reason_required", "Say why the problem is not solved.");
        Reopened = true;
        ReopenReason = reason.Trim();
        ReopenedAt = at;
        Status = ProblemStatus.Open;
        ClosedAt = null;
    }
}

public class ProblemReportPhoto
{
    private ProblemReportPhoto() { }
    internal ProblemReportPhoto(Guid storedFileId) => StoredFileId = storedFileId;

    public long Id { get; private set; }
    public long ProblemReportId { get; private set; }
    public Guid StoredFileId { get; private set; }
}
