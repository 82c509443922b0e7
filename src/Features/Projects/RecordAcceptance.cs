using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Files;

namespace Portal.Features.Projects;

/// <summary>
/// A convener records the acceptance (竣工验收) that the implementing body organised, with its date and documents; the
/// residents' representatives' opinions and the satisfaction results are kept as they stood, the survey closes and
/// the item becomes Accepted.
/// </summary>
public sealed class RecordAcceptance(PortalDb db, ProjectQueries queries, FileStore files, TimeProvider clock, PlanItemFollowUps followUps)
{
    /// <summary>Throws a domain error when the works cannot be accepted and <see cref="UploadRefusedException"/> for a bad document.</summary>
    public async Task<AcceptanceRecord> RecordAsync(PlanItem item, string organisedBy, DateOnly acceptedOn, string notes,
        IReadOnlyList<IFormFile> documents, string recordedBy, CancellationToken ct = default)
    {
        var survey = await db.Set<SatisfactionSurvey>().FirstOrDefaultAsync(s => s.PlanItemId == item.Id, ct);
        var results = survey is null ? null : await queries.SurveyResultsAsync(survey, item, ct);
        var opinions = await queries.OpinionCountsAsync(item.Id, ct);
        // Refused before any document is stored.
        AcceptanceRecord.CheckCanRecord(item, organisedBy, documents.Count);
        var ids = new List<Guid>();
        foreach (var document in documents)
            ids.Add((await files.AddAsync(document, UploadRule.PhotoOrPdf, item.CompoundId, FileOwnerKinds.Acceptance, recordedBy, ct)).Id);
        var from = item.Status;
        var record = AcceptanceRecord.Record(item, organisedBy, acceptedOn, notes, survey, results, opinions, recordedBy, clock.GetUtcNow(), ids);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        await followUps.MovedAsync(item, from, ct);
        return record;
    }
}
