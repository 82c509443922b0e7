using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>
/// The acceptance (竣工验收) of a completed plan item, signed off by the committee with the date and documents.
/// Records the satisfaction results as they stood; signing moves the item to Accepted and closes its survey.
/// </summary>
public class AcceptanceRecord
{
    private readonly List<AcceptanceDocument> _documents = [];

    private AcceptanceRecord() { }

    public static AcceptanceRecord Sign(PlanItem item, SatisfactionSurvey? survey, SurveyResults? results, DateOnly acceptedOn, string notes,
        string signedBy, DateTimeOffset signedAt, IReadOnlyCollection<Guid> documentIds)
    {
        if (item.Status != PlanItemStatus.Completed)
            throw new DomainException("acceptance.item_not_completed", "Only completed works can be accepted.");
        if (documentIds.Count == 0)
            throw new DomainException("acceptance.documents_required", "Attach the acceptance documents.");
        var record = new AcceptanceRecord
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            AcceptedOn = acceptedOn,
            Notes = notes.Trim(),
            SignedBy = signedBy,
            SignedAt = signedAt,
            SurveyAnswers = results?.Answers ?? 0,
            SurveyFlatsInScope = results?.FlatsInScope ?? 0,
            SurveyAverageHundredths = results?.AverageHundredths ?? 0,
        };
        foreach (var id in documentIds) record._documents.Add(new AcceptanceDocument(id));
        item.MoveTo(PlanItemStatus.Accepted, signedAt);
        survey?.Close(signedAt);
        return record;
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public DateOnly AcceptedOn { get; private set; }
    public string Notes { get; private set; } = "";
    public string SignedBy { get; private set; } = "";
    public DateTimeOffset SignedAt { get; private set; }
    public int SurveyAnswers { get; private set; }
    public int SurveyFlatsInScope { get; private set; }
    public int SurveyAverageHundredths { get; private set; }
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
