using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>
/// One version of a plan item's renovation plan (改造方案): the full text, drawings and documents, the budget by
/// funding source and the implementing body with its designer, contractor and supervisor. Writing a version publishes
/// it (方案公示) for a period the convener chooses; residents comment on it while the period runs. A later version says
/// what changed. A version is never edited once published: what residents read, and what a vote carries, stays put.
/// </summary>
public class PlanVersion
{
    public const int TextMaxLength = 20000;
    public const int NameMaxLength = 100;
    public const int ChangesMaxLength = 2000;
    public const int MaxDocuments = 10;
    /// <summary>The shortest publication period when the compound's settings say nothing else.</summary>
    public const int DefaultMinimumPublicationDays = 5;
    public const int MaximumPublicationDays = 60;

    private readonly List<PlanVersionDocument> _documents = [];
    private readonly List<PlanBudgetLine> _budget = [];

    private PlanVersion() { }

    /// <summary>Version <paramref name="number"/> of <paramref name="item"/>, published now for <paramref name="days"/> days.</summary>
    /// <remarks>Every rule is checked here, before a document is stored or a notice posted; the documents are added after.</remarks>
    public static PlanVersion Publish(PlanItem item, int number, PlanVersionDraft draft, int minimumDays, int documentCount,
        string publishedBy, DateTimeOffset now)
    {
        if (item.Status is PlanItemStatus.Cancelled or PlanItemStatus.Completed or PlanItemStatus.Accepted)
            throw new DomainException("plan_version.item_closed", "A plan is published before the works are done, and not for a cancelled item.");
        if (string.IsNullOrWhiteSpace(draft.Text))
            throw new DomainException("plan_version.text_required", "A plan version needs its full text.");
        if (draft.Text.Length > TextMaxLength)
            throw new DomainException("plan_version.text_too_long", $"The plan's text is at most {TextMaxLength} characters.");
        if (draft.PublicationDays < minimumDays)
            throw new DomainException("plan_version.period_too_short", $"The publication period is at least {minimumDays} days.");
        if (draft.PublicationDays > MaximumPublicationDays)
            throw new DomainException("plan_version.period_too_long", $"The publication period is at most {MaximumPublicationDays} days.");
        if (string.IsNullOrWhiteSpace(draft.ImplementingBody))
            throw new DomainException("plan_version.implementer_required", "Name the implementing body (实施主体).");
        foreach (var name in new[] { draft.ImplementingBody, draft.Designer, draft.Contractor, draft.Supervisor })
            if (name is { Length: > NameMaxLength })
                throw new DomainException("plan_version.name_too_long", $"A name is at most {NameMaxLength} characters.");
        if (number > 1 && string.IsNullOrWhiteSpace(draft.Changes))
            throw new DomainException("plan_version.changes_required", "Say what changed since the last version.");
        if (draft.Changes is { Length: > ChangesMaxLength })
            throw new DomainException("plan_version.changes_too_long", $"What changed is at most {ChangesMaxLength} characters.");
        if (documentCount > MaxDocuments)
            throw new DomainException("plan_version.too_many_documents", $"At most {MaxDocuments} drawings and documents.");
        if (draft.Budget.Any(b => b.Value < 0))
            throw new DomainException("plan_version.budget_negative", "A budget line cannot be negative.");
        if (draft.Budget.Keys.Any(k => !Enum.IsDefined(k)))
            throw new DomainException("plan_version.budget_source_unknown", "Unknown funding source.");
        var version = new PlanVersion
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            Number = number,
            Text = draft.Text.Trim(),
            Changes = string.IsNullOrWhiteSpace(draft.Changes) ? null : draft.Changes.Trim(),
            ImplementingBody = draft.ImplementingBody.Trim(),
            Designer = Clean(draft.Designer),
            Contractor = Clean(draft.Contractor),
            Supervisor = Clean(draft.Supervisor),
            PublishedBy = publishedBy,
            PublishedAt = now,
            PublicationEndsAt = now.AddDays(draft.PublicationDays),
        };
        foreach (var (source, fen) in draft.Budget.Where(b => b.Value > 0).OrderBy(b => b.Key))
            version._budget.Add(new PlanBudgetLine(source, fen));
        return version;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    /// <summary>1, 2, 3 … within the plan item.</summary>
    public int Number { get; private set; }
    /// <summary>The plan's full text (safe Markdown).</summary>
    public string Text { get; private set; } = "";
    /// <summary>What changed since the previous version (required from version 2).</summary>
    public string? Changes { get; private set; }
    /// <summary>实施主体: who carries out the works and organises their acceptance.</summary>
    public string ImplementingBody { get; private set; } = "";
    public string? Designer { get; private set; }
    public string? Contractor { get; private set; }
    public string? Supervisor { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    /// <summary>The end of the publication period (公示期); comments are taken until then.</summary>
    public DateTimeOffset PublicationEndsAt { get; private set; }
    /// <summary>The notice that published it to the scope.</summary>
    public long? NoticeId { get; private set; }

    public IReadOnlyList<PlanVersionDocument> Documents => _documents;
    public IReadOnlyList<PlanBudgetLine> Budget => _budget;
    public long BudgetTotalFen => _budget.Sum(b => b.AmountFen);

    public bool InPublicationAt(DateTimeOffset now) => now >= PublishedAt && now < PublicationEndsAt;

    public void PostedAs(long noticeId) => NoticeId ??= noticeId;

    public void AddDocument(Guid storedFileId)
    {
        if (_documents.Count >= MaxDocuments)
            throw new DomainException("plan_version.too_many_documents", $"At most {MaxDocuments} drawings and documents.");
        _documents.Add(new PlanVersionDocument(storedFileId));
    }
}

/// <summary>What a convener writes for a new plan version.</summary>
public sealed record PlanVersionDraft(string Text, string? Changes, string ImplementingBody, string? Designer, string? Contractor,
    string? Supervisor, IReadOnlyDictionary<FundingSource, long> Budget, int PublicationDays);

/// <summary>A drawing or document of a plan version, kept in the content-checked file store.</summary>
public class PlanVersionDocument
{
    private PlanVersionDocument() { }
    internal PlanVersionDocument(Guid storedFileId) => StoredFileId = storedFileId;

    public long Id { get; private set; }
    public long PlanVersionId { get; private set; }
    public Guid StoredFileId { get; private set; }
}

/// <summary>One line of a plan version's budget: what one funding source gives.</summary>
public class PlanBudgetLine
{
    private PlanBudgetLine() { }
    internal PlanBudgetLine(FundingSource source, long amountFen)
    {
        Source = source;
        AmountFen = amountFen;
    }

    public long Id { get; private set; }
    public long PlanVersionId { get; private set; }
    public FundingSource Source { get; private set; }
    public long AmountFen { get; private set; }
}

/// <summary>A resident's comment on a published plan version, and the convener's answer to it.</summary>
public class PlanComment
{
    public const int TextMaxLength = 2000;

    private PlanComment() { }

    public static PlanComment Write(PlanVersion version, string authorId, string text, DateTimeOffset now)
    {
        if (!version.InPublicationAt(now))
            throw new DomainException("plan_comment.publication_over", "Comments are taken while the plan is published.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException("plan_comment.text_required", "Write your comment.");
        if (text.Length > TextMaxLength)
            throw new DomainException("plan_comment.text_too_long", $"A comment is at most {TextMaxLength} characters.");
        return new PlanComment
        {
            PlanVersionId = version.Id,
            PlanItemId = version.PlanItemId,
            CompoundId = version.CompoundId,
            AuthorId = authorId,
            Text = text.Trim(),
            At = now,
        };
    }

    public long Id { get; private set; }
    public long PlanVersionId { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    /// <summary>The later version that took the comment up, when the answer came with one.</summary>
    public long? AnsweredInVersionId { get; private set; }

    public void AnswerWith(string answer, string by, DateTimeOffset now, long? inVersionId = null)
    {
        if (string.IsNullOrWhiteSpace(answer))
            throw new DomainException("plan_comment.answer_required", "Write the answer.");
        if (answer.Length > TextMaxLength)
            throw new DomainException("plan_comment.answer_too_long", $"An answer is at most {TextMaxLength} characters.");
        Answer = answer.Trim();
        AnsweredBy = by;
        AnsweredAt = now;
        AnsweredInVersionId = inVersionId ?? AnsweredInVersionId;
    }
}

/// <summary>The stages an upgrade passes through, in order (the page shows each with its state).</summary>
public enum PlanPhase
{
    Proposal = 0,
    WillingnessConsultation = 1,
    PlanConsultation = 2,
    PlanPublication = 3,
    Vote = 4,
    CoFunding = 5,
    Construction = 6,
    Acceptance = 7,
    Satisfaction = 8,
}

/// <summary>A convener's record that a phase was skipped for this item, and why.</summary>
public class PlanPhaseSkip
{
    public const int ReasonMaxLength = 500;

    private PlanPhaseSkip() { }

    public PlanPhaseSkip(PlanItem item, PlanPhase phase, string reason, string by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(phase))
            throw new DomainException("plan_phase.unknown", "Unknown phase.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("plan_phase.reason_required", "Say why the phase is skipped.");
        if (reason.Length > ReasonMaxLength)
            throw new DomainException("plan_phase.reason_too_long", $"A reason is at most {ReasonMaxLength} characters.");
        PlanItemId = item.Id;
        CompoundId = item.CompoundId;
        Phase = phase;
        Reason = reason.Trim();
        By = by;
        At = at;
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public PlanPhase Phase { get; private set; }
    public string Reason { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
