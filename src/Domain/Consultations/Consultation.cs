using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Domain.Consultations;

/// <summary>意愿征询 (do we want it?) or 方案征询 (on a concrete plan).</summary>
public enum ConsultationKind
{
    Willingness = 0,
    Plan = 1,
}

/// <summary>A household's answer: 同意 / 不同意 / 无所谓.</summary>
public enum ConsultationChoice
{
    Agree = 0,
    Disagree = 1,
    NoPreference = 2,
}

/// <summary>
/// A household-level advisory poll of the residents in a scope (征询). One answer per flat, from its owners and, when the
/// convener allowed it, its tenants. It never binds: nothing in the portal follows from its result.
/// </summary>
public class Consultation
{
    public const int TitleMaxLength = 120;
    public const int QuestionMaxLength = 4000;
    public const int MaxOptions = 8;
    public const int OptionMaxLength = 60;

    private Consultation() { }

    public Consultation(long compoundId, ConsultationKind kind, string title, string question, Scope scope, DateTimeOffset opensAt,
        DateTimeOffset closesAt, bool tenantsMayAnswer, IReadOnlyList<string> options, long? planItemId, string convenedBy, DateTimeOffset at)
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("consultation.kind_unknown", "Unknown consultation kind.");
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("consultation.title_required", "A consultation needs a title.");
        if (title.Trim().Length > TitleMaxLength)
            throw new DomainException("consultation.title_too_long", "The title is too long.");
        if (string.IsNullOrWhiteSpace(question))
            throw new DomainException("consultation.question_required", "A consultation needs a question.");
        if (question.Length > QuestionMaxLength)
            throw new DomainException("consultation.question_too_long", "The question is too long.");
        if (closesAt <= opensAt)
            throw new DomainException("consultation.closes_before_opening", "A consultation closes after it opens.");
        if (closesAt <= at)
            throw new DomainException("consultation.closes_in_past", "A consultation cannot close in the past.");
        if (kind == ConsultationKind.Plan && planItemId is null)
            throw new DomainException("consultation.plan_required", "A plan consultation is about one plan item.");
        var cleaned = options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToList();
        if (cleaned.Count > MaxOptions)
            throw new DomainException("consultation.too_many_options", $"At most {MaxOptions} options.");
        if (cleaned.Any(o => o.Length > OptionMaxLength))
            throw new DomainException("consultation.option_too_long", "An option is too long.");
        CompoundId = compoundId;
        Kind = kind;
        Title = title.Trim();
        Question = question.Trim();
        ScopeKind = scope.Kind;
        BuildingId = scope.BuildingId;
        EntranceId = scope.EntranceId;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        TenantsMayAnswer = tenantsMayAnswer;
        OptionsText = string.Join('\n', cleaned);
        PlanItemId = planItemId;
        ConvenedBy = convenedBy;
        CreatedAt = at;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public ConsultationKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Question { get; private set; } = "";
    public ScopeKind ScopeKind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }
    public bool TenantsMayAnswer { get; private set; }
    /// <summary>The options a household may prefer, one a line; empty when there is nothing to choose between.</summary>
    public string OptionsText { get; private set; } = "";
    /// <summary>The upgrade it is about, if any (required for a plan consultation).</summary>
    public long? PlanItemId { get; private set; }
    /// <summary>The plan version a plan consultation is held on, once plan versions exist.</summary>
    public long? PlanVersionId { get; private set; }
    public string ConvenedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastReminderAt { get; private set; }

    public Scope Scope => new(ScopeKind, BuildingId, EntranceId);

    /// <summary>A plan consultation is held on one published version of the plan.</summary>
    public void HoldOn(long planVersionId)
    {
        if (Kind != ConsultationKind.Plan)
            throw new DomainException("consultation.version_for_plan_only", "Only a plan consultation is held on a plan version.");
        PlanVersionId = planVersionId;
    }
    public IReadOnlyList<string> Options => OptionsText.Length == 0 ? [] : OptionsText.Split('\n');

    public bool IsOpenAt(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
    public bool IsClosedAt(DateTimeOffset now) => now >= ClosesAt;

    /// <summary>Owners and co-owners answer for their flat; tenants only when the convener allowed it; other household members do not.</summary>
    public bool MayAnswerAs(ResidentRelation relation) =>
        relation.MayVote() || (relation == ResidentRelation.Tenant && TenantsMayAnswer);

    /// <summary>The refusal, if any, for an answer for a flat in <paramref name="buildingId"/>/<paramref name="entranceId"/> at <paramref name="now"/>.</summary>
    public void EnsureAcceptsAnswer(long buildingId, long entranceId, DateTimeOffset now)
    {
        if (now < OpensAt)
            throw new DomainException("consultation.not_open_yet", "The consultation has not opened yet.");
        if (IsClosedAt(now))
            throw new DomainException("consultation.closed", "The consultation has closed.");
        if (!Scope.Covers(buildingId, entranceId))
            throw new DomainException("consultation.flat_outside_scope", "The flat is outside the consultation's scope.");
    }

    public void EnsureOptionKnown(string? preferredOption)
    {
        if (!string.IsNullOrWhiteSpace(preferredOption) && !Options.Contains(preferredOption.Trim()))
            throw new DomainException("consultation.option_unknown", "That option is not offered.");
    }

    /// <summary>Reminders go out at most once in twelve hours, and only while the consultation is open.</summary>
    public void RecordReminder(DateTimeOffset now)
    {
        if (!IsOpenAt(now))
            throw new DomainException("consultation.not_open", "Reminders go out while the consultation is open.");
        if (LastReminderAt is { } last && now - last < TimeSpan.FromHours(12))
            throw new DomainException("consultation.reminded_recently", "A reminder went out less than twelve hours ago.");
        LastReminderAt = now;
    }
}
