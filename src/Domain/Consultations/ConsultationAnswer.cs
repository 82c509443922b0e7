using Portal.Domain.Shared;

namespace Portal.Domain.Consultations;

/// <summary>
/// A flat's current answer to a consultation (one per flat: a unique index guards double clicks and two residents at
/// once). A second answer changes it; every version is kept in <see cref="ConsultationAnswerVersion"/>.
/// </summary>
public class ConsultationAnswer
{
    public const int ReasonMaxLength = 1000;

    private ConsultationAnswer() { }

    public ConsultationAnswer(long consultationId, long flatId, ConsultationChoice choice, string? reason, string? preferredOption,
        string? answeredBy, string? assistedBy, DateTimeOffset at)
    {
        ConsultationId = consultationId;
        FlatId = flatId;
        Set(choice, reason, preferredOption, answeredBy, assistedBy, at);
        Revision = 1;
    }

    public long Id { get; private set; }
    public long ConsultationId { get; private set; }
    public long FlatId { get; private set; }
    public ConsultationChoice Choice { get; private set; }
    public string? Reason { get; private set; }
    public string? PreferredOption { get; private set; }
    /// <summary>The resident who answered online; null for an answer given at the door.</summary>
    public string? AnsweredBy { get; private set; }
    /// <summary>The building lead (or committee member) who recorded an answer given at the door.</summary>
    public string? AssistedBy { get; private set; }
    public bool Assisted => AssistedBy is not null;
    public DateTimeOffset At { get; private set; }
    /// <summary>1 for the first answer, then one more for each change; also the concurrency token.</summary>
    public int Revision { get; private set; }

    /// <summary>The household changes its answer; the caller keeps the version it replaces.</summary>
    public void Change(ConsultationChoice choice, string? reason, string? preferredOption, string? answeredBy, string? assistedBy, DateTimeOffset at)
    {
        Set(choice, reason, preferredOption, answeredBy, assistedBy, at);
        Revision++;
    }

    public ConsultationAnswerVersion Snapshot() => new(ConsultationId, FlatId, Revision, Choice, Reason, PreferredOption, AnsweredBy, AssistedBy, At);

    private void Set(ConsultationChoice choice, string? reason, string? preferredOption, string? answeredBy, string? assistedBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(choice))
            throw new DomainException("consultation.choice_unknown", "Answer 同意, 不同意 or 无所谓.");
        if (reason is { Length: > ReasonMaxLength })
            throw new DomainException("consultation.reason_too_long", "The reason is too long.");
        if (answeredBy is null && assistedBy is null)
            throw new DomainException("consultation.answer_unattributed", "An answer is given by a resident or recorded by someone.");
        Choice = choice;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        PreferredOption = string.IsNullOrWhiteSpace(preferredOption) ? null : preferredOption.Trim();
        AnsweredBy = answeredBy;
        AssistedBy = assistedBy;
        At = at;
    }
}

/// <summary>One version of a flat's answer, kept when it is given and again when it is changed (the audit trail).</summary>
public class ConsultationAnswerVersion
{
    private ConsultationAnswerVersion() { }

    public ConsultationAnswerVersion(long consultationId, long flatId, int revision, ConsultationChoice choice, string? reason,
        string? preferredOption, string? answeredBy, string? assistedBy, DateTimeOffset at)
    {
        ConsultationId = consultationId;
        FlatId = flatId;
        Revision = revision;
        Choice = choice;
        Reason = reason;
        PreferredOption = preferredOption;
        AnsweredBy = answeredBy;
        AssistedBy = assistedBy;
        At = at;
    }

    public long Id { get; private set; }
    public long ConsultationId { get; private set; }
    public long FlatId { get; private set; }
    public int Revision { get; private set; }
    public ConsultationChoice Choice { get; private set; }
    public string? Reason { get; private set; }
    public string? PreferredOption { get; private set; }
    public string? AnsweredBy { get; private set; }
    public string? AssistedBy { get; private set; }
    public DateTimeOffset At { get; private set; }
}
