using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>
/// The acceptance (竣工验收) of a completed plan item. It is organised by the implementing body (实施主体, e.g. the street
/// office or the company carrying out the works); the convener who enters it is only logged as having recorded it.
/// Keeps the residents' representatives' opinions and the satisfaction results as they stood; recording it moves the
/// item to Accepted, which ends the opinions, and closes its survey.
/// </summary>
public class AcceptanceRecord
{
    public const int OrganisedByMaxLength = 100;

    private readonly List<AcceptanceDocument> _documents = [];

    private AcceptanceRecord() { }

    public static AcceptanceRecord Record(PlanItem item, string organisedBy, DateOnly acceptedOn, string notes,
        SatisfactionSurvey? survey, SurveyResults? results, OpinionCounts opinions,
        string recordedBy, DateTimeOffset recordedAt, IReadOnlyCollection<Guid> documentIds)
    {
        CheckCanRecord(item, organisedBy, documentIds.Count);
        var record = new AcceptanceRecord
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            OrganisedBy = organisedBy.Trim(),
            AcceptedOn = acceptedOn,
            Notes = notes.Trim(),
            RecordedBy = recordedBy,
            RecordedAt = recordedAt,
            SurveyAnswers = results?.Answers ?? 0,
            SurveyFlatsInScope = results?.FlatsInScope ?? 0,
            SurveyAverageHundredths = results?.AverageHundredths ?? 0,
            OpinionsAgree = opinions.Agree,
            OpinionsDisagree = opinions.Disagree,
            OpinionsConditional = opinions.Conditional,
        };
        foreach (var id in documentIds) record._documents.Add(new AcceptanceDocument(id));
        item.MoveTo(PlanItemStatus.Accepted, recordedAt);
        survey?.Close(recordedAt);
        return record;
    }

    /// <summary>The rules a record must meet, asked before its documents are stored.</summary>
    public static void CheckCanRecord(PlanItem item, string organisedBy, int documents)
    {
        if (item.Status != PlanItemStatus.Completed)
            throw new DomainException("acceptance.item_not_completed", "Only completed works can be accepted.");
        if (string.IsNullOrWhiteSpace(organisedBy))
            throw new DomainException("acceptance.organised_by_required", "Name the implementing body that organised the acceptance.");
        if (organisedBy.Trim().Length > OrganisedByMaxLength)
            throw new DomainException("acceptance.organised_by_too_long", $"The implementing body is at most {OrganisedByMaxLength} characters.");
        if (documents == 0)
            throw new DomainException("acceptance.documents_required", "Attach the acceptance documents.");
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    /// <summary>The implementing body (实施主体) that organised the acceptance, as typed by whoever recorded it.</summary>
    public string OrganisedBy { get; private set; } = "";
    public DateOnly AcceptedOn { get; private set; }
    public string Notes { get; private set; } = "";
    /// <summary>The account that entered the record (a convener), not a signatory.</summary>
    public string RecordedBy { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public int SurveyAnswers { get; private set; }
    public int SurveyFlatsInScope { get; private set; }
    public int SurveyAverageHundredths { get; private set; }
    public int OpinionsAgree { get; private set; }
    public int OpinionsDisagree { get; private set; }
    public int OpinionsConditional { get; private set; }
    public OpinionCounts Opinions => new(OpinionsAgree, OpinionsDisagree, OpinionsConditional);
    public IReadOnlyList<AcceptanceDocument> Documents => _documents;
}

public class AcceptanceDocument
{
    private AcceptanceDocument() { }
    internal AcceptanceDocument(Guid storedFileId) => StoredFileId = storedFileId;

    public long Id { get; private set; }
    public long AcceptanceRecordId { get; private set; }
    public Guid StoredFileId { get; private set; }
}
