using Portal.Domain.Shared;

namespace Portal.Domain.Votes;

/// <summary>
/// A vote (表决) put by the committee to the owners of a compound, building or entrance. Its electorate is frozen
/// when it opens; its status moves Draft → Open → Counting → Preliminary → Final and never back. During counting
/// (the rules' counting days after closing) the committee still enters paper ballots received before closing; the
/// scrutineers then sign off the count and the preliminary result is published. A correction after an objection
/// publishes a new preliminary result (<see cref="PreliminaryRound"/>) with a new objection period.
/// </summary>
public class Vote
{
    private Vote() { }

    public Vote(long compoundId, string title, Scope scope, DateTimeOffset opensAt, DateTimeOffset closesAt,
        int objectionPeriodDays, int reminderHoursBefore, string createdBy, DateTimeOffset createdAt, int countingDays = 0)
    {
        if (countingDays is < 0 or > CompoundRules.MaxDays)
            throw new DomainException("rules.counting_days_out_of_range", "The counting period is 0 to 90 days.");
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("vote.title_required", "A vote needs a title.");
        if (closesAt <= opensAt)
            throw new DomainException("vote.closes_before_opening", "A vote must close after it opens.");
        if (objectionPeriodDays is < 0 or > 60)
            throw new DomainException("vote.objection_period_out_of_range", "The objection period is 0 to 60 days.");
        if (reminderHoursBefore is < 0 or > 24 * 30)
            throw new DomainException("vote.reminder_out_of_range", "The reminder is 0 to 720 hours before closing.");
        CompoundId = compoundId;
        Title = title.Trim();
        ScopeKind = scope.Kind;
        BuildingId = scope.BuildingId;
        EntranceId = scope.EntranceId;
        OpensAt = opensAt;
        ClosesAt = closesAt;
        ObjectionPeriodDays = objectionPeriodDays;
        ReminderHoursBefore = reminderHoursBefore;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        CountingDays = countingDays;
        Status = VoteStatus.Draft;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public string Title { get; private set; } = "";
    public ScopeKind ScopeKind { get; private set; }
    public long? BuildingId { get; private set; }
    public long? EntranceId { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }
    public VoteStatus Status { get; private set; }
    public int ObjectionPeriodDays { get; private set; }
    /// <summary>Hours before closing when owners who have not voted are reminded (0: no reminder).</summary>
    public int ReminderHoursBefore { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? PreliminaryAt { get; private set; }
    public DateTimeOffset? ObjectionDeadline { get; private set; }
    public DateTimeOffset? FinalAt { get; private set; }
    /// <summary>Days after the closing time during which paper ballots received before closing are still entered.</summary>
    public int CountingDays { get; private set; }
    public DateTimeOffset? CountingEndsAt { get; private set; }
    /// <summary>When the count was signed off (every scrutineer, or the photo of the signed paper count kept).</summary>
    public DateTimeOffset? CountedAt { get; private set; }
    /// <summary>The stored file id of the photo of the signed paper count, when that replaced the sign-offs in the portal.</summary>
    public Guid? CountSheetFileId { get; private set; }
    /// <summary>1 for the first preliminary result; each correction of the count publishes the next.</summary>
    public int PreliminaryRound { get; private set; }

    public Scope Scope => new(ScopeKind, BuildingId, EntranceId);

    public bool AcceptsBallotsAt(DateTimeOffset at) => Status == VoteStatus.Open && at < ClosesAt;

    public bool InCountingWindowAt(DateTimeOffset at) => Status == VoteStatus.Counting && at < CountingEndsAt;

    /// <summary>
    /// A paper, assisted or proxy ballot entered by the committee: while open, or during the counting window (before
    /// the count is signed off) when it was received at or before the closing time.
    /// </summary>
    public bool AcceptsCommitteeEntryAt(DateTimeOffset at) =>
        AcceptsBallotsAt(at) || (Status == VoteStatus.Counting && CountedAt is null && at < CountingEndsAt);

    public bool CountingWindowOverAt(DateTimeOffset at) => Status == VoteStatus.Counting && at >= CountingEndsAt;

    public void Open(DateTimeOffset at)
    {
        if (Status != VoteStatus.Draft)
            throw new DomainException("vote.not_draft", "Only a draft vote can be opened.");
        if (at >= ClosesAt)
            throw new DomainException("vote.already_past_closing", "The closing time has passed.");
        Status = VoteStatus.Open;
        OpenedAt = at;
    }

    public void Close(DateTimeOffset at)
    {
        if (Status != VoteStatus.Open)
            throw new DomainException("vote.not_open", "Only an open vote can be closed.");
        Status = VoteStatus.Counting;
        ClosedAt = at;
        CountingEndsAt = ClosesAt.AddDays(CountingDays);
    }

    /// <summary>The count is signed off (after the counting window); the preliminary result follows at once.</summary>
    public void SignOff(DateTimeOffset at, Guid? countSheetFileId = null)
    {
        if (Status != VoteStatus.Counting || CountedAt is not null)
            throw new DomainException("count.not_counting", "The count can be signed off only while the vote is being counted.");
        if (at < CountingEndsAt)
            throw new DomainException("count.window_running", "The count is signed off after the counting period.");
        CountedAt = at;
        CountSheetFileId = countSheetFileId;
    }

    /// <summary>初步结果公示: the signed-off count is published and the objection period starts.</summary>
    public void PublishPreliminary(DateTimeOffset at)
    {
        if (Status != VoteStatus.Counting || CountedAt is null)
            throw new DomainException("vote.not_counted", "The preliminary result is published only after the count is signed off.");
        Status = VoteStatus.Preliminary;
        PreliminaryAt = at;
        PreliminaryRound = 1;
        ObjectionDeadline = at.AddDays(ObjectionPeriodDays);
    }

    /// <summary>A correction of the count publishes a new preliminary result and starts a new objection period.</summary>
    public void RepublishPreliminary(DateTimeOffset at)
    {
        if (Status != VoteStatus.Preliminary)
            throw new DomainException("vote.not_preliminary", "Only a preliminary result can be corrected.");
        PreliminaryAt = at;
        PreliminaryRound++;
        ObjectionDeadline = at.AddDays(ObjectionPeriodDays);
    }

    public bool AcceptsObjectionsAt(DateTimeOffset at) => Status == VoteStatus.Preliminary && at < ObjectionDeadline;

    public void PublishFinal(DateTimeOffset at, int unansweredObjections)
    {
        if (Status != VoteStatus.Preliminary)
            throw new DomainException("vote.not_preliminary", "Only a preliminary result can be made final.");
        if (at < ObjectionDeadline)
            throw new DomainException("vote.objection_period_running", "The objection period has not ended.");
        if (unansweredObjections > 0)
            throw new DomainException("vote.objections_unanswered", "Every objection must be answered first.");
        Status = VoteStatus.Final;
        FinalAt = at;
    }
}

/// <summary>A matter (事项) of a vote with its own rule; optionally linked to a proposal, optionally with named options.</summary>
public class Matter
{
    private Matter() { }

    public Matter(long voteId, int position, string title, IVotingRule rule, long? proposalId = null)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new DomainException("matter.title_required", "A matter needs a title.");
        VoteId = voteId;
        Position = position;
        Title = title.Trim();
        Rule = rule.Kind.StoredAs;
        ProposalId = proposalId;
        if (rule is ICommitteeSetRule { Lines: var lines })
        {
            QuorumAreaNumerator = lines.QuorumArea.Numerator; QuorumAreaDenominator = lines.QuorumArea.Denominator; QuorumAreaInclusive = lines.QuorumArea.Inclusive;
            QuorumOwnersNumerator = lines.QuorumOwners.Numerator; QuorumOwnersDenominator = lines.QuorumOwners.Denominator; QuorumOwnersInclusive = lines.QuorumOwners.Inclusive;
            ApprovalAreaNumerator = lines.ApprovalArea.Numerator; ApprovalAreaDenominator = lines.ApprovalArea.Denominator; ApprovalAreaInclusive = lines.ApprovalArea.Inclusive;
            ApprovalOwnersNumerator = lines.ApprovalOwners.Numerator; ApprovalOwnersDenominator = lines.ApprovalOwners.Denominator; ApprovalOwnersInclusive = lines.ApprovalOwners.Inclusive;
        }
    }

    public long Id { get; private set; }
    public long VoteId { get; private set; }
    public int Position { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The rule's stored number (<see cref="VotingRuleAttribute.StoredAs"/>); read it as <see cref="RuleKind"/>.</summary>
    public int Rule { get; private set; }
    public long? ProposalId { get; private set; }
    /// <summary>The published plan version (改造方案) the owners vote on, when the matter's upgrade has one; shown on the vote page and in the announcement.</summary>
    public long? PlanVersionId { get; private set; }

    public void CarryPlan(long planVersionId) => PlanVersionId ??= planVersionId;
    /// <summary>The matter's full text (Markdown, rendered safely).</summary>
    public string? Body { get; private set; }
    /// <summary>An elevator retrofit (加装电梯): civil-code-major with a building or entrance scope.</summary>
    public bool Elevator { get; private set; }
    /// <summary>拟占用专有部分: flats (ids, comma-separated) whose exclusive parts the works occupy; each owner must agree.</summary>
    public string? OccupiedFlats { get; private set; }

    public IReadOnlyList<long> OccupiedFlatIds() =>
        (OccupiedFlats ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(x => long.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Full text, elevator and occupied flats, checked against the vote's scope.</summary>
    public void Describe(string? body, bool elevator, IEnumerable<long>? occupiedFlatIds, Scope scope)
    {
        if (body is { Length: > 20000 })
            throw new DomainException("matter.body_too_long", "A matter's text is at most 20000 characters.");
        if (elevator && (RuleKind().Code != "civil-code-major" || scope.Kind == ScopeKind.Compound))
            throw new DomainException("matter.elevator_rule",
                "An elevator retrofit needs the civil-code-major rule (Civil Code Art. 278 item 7) and a building or entrance scope.");
        Body = string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        Elevator = elevator;
        var ids = (occupiedFlatIds ?? []).Distinct().OrderBy(x => x).ToList();
        OccupiedFlats = ids.Count == 0 ? null : string.Join(",", ids);
    }

    public int QuorumAreaNumerator { get; private set; }
    public int QuorumAreaDenominator { get; private set; } = 1;
    public bool QuorumAreaInclusive { get; private set; }
    public int QuorumOwnersNumerator { get; private set; }
    public int QuorumOwnersDenominator { get; private set; } = 1;
    public bool QuorumOwnersInclusive { get; private set; }
    public int ApprovalAreaNumerator { get; private set; }
    public int ApprovalAreaDenominator { get; private set; } = 1;
    public bool ApprovalAreaInclusive { get; private set; }
    public int ApprovalOwnersNumerator { get; private set; }
    public int ApprovalOwnersDenominator { get; private set; } = 1;
    public bool ApprovalOwnersInclusive { get; private set; }

    public VoteRuleKind RuleKind() => VoteRuleKind.Stored(Rule);

    public IVotingRule VotingRule()
    {
        var kind = RuleKind();
        return kind.Create(kind.TakesLines
            ? new RuleLines(
                Fraction.Create(QuorumAreaNumerator, QuorumAreaDenominator, QuorumAreaInclusive),
                Fraction.Create(QuorumOwnersNumerator, QuorumOwnersDenominator, QuorumOwnersInclusive),
                Fraction.Create(ApprovalAreaNumerator, ApprovalAreaDenominator, ApprovalAreaInclusive),
                Fraction.Create(ApprovalOwnersNumerator, ApprovalOwnersDenominator, ApprovalOwnersInclusive))
            : null);
    }
}

/// <summary>A named option of a matter (e.g. one of three places for the charging station).</summary>
public class MatterOption
{
    private MatterOption() { }

    public MatterOption(long matterId, int position, string label)
    {
        if (string.IsNullOrWhiteSpace(label))
            throw new DomainException("matter.option_label_required", "An option needs a label.");
        MatterId = matterId;
        Position = position;
        Label = label.Trim();
    }

    public long Id { get; private set; }
    public long MatterId { get; private set; }
    public int Position { get; private set; }
    public string Label { get; private set; } = "";
}
