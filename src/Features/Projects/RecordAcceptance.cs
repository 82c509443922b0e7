using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Files;

namespace Portal.Features.Projects;

/// <summary>
/// The committee records the residents' acceptance (竣工验收) of completed works with its date and documents; the
/// satisfaction results are kept as they stood, the survey closes and the item becomes Accepted.
/// </summary>
public sealed class RecordAcceptance(PortalDb db, ProjectQueries queries, FileStore files, TimeProvider clock, PlanItemFollowUps followUps)
{
    /// <summary>Throws a domain error when the works cannot be accepted and <see cref="UploadRefusedException"/> for a bad document.</summary>
    public async Task<AcceptanceRecord> RecordAsync(PlanItem item, DateOnly acceptedOn, string notes, IReadOnlyList<IFormFile> documents,
        string signedBy, CancellationToken ct = default)
    {
        var survey = await db.Set<SatisfactionSurvey>().FirstOrDefaultAsync(s => s.PlanItemId == item.Id, ct);
        var results = survey is null ? null : await queries.SurveyResultsAsync(survey, item, ct);
        var ids = new List<Guid>();
        foreach (var document in documents)
            ids.Add((await files.AddAsync(document, UploadRule.PhotoOrPdf, item.CompoundId, FileOwnerKinds.Acceptance, signedBy, ct)).Id);
        var from = item.Status;
        var record = AcceptanceRecord.Sign(item, survey, results, acceptedOn, notes, signedBy, clock.GetUtcNow(), ids);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        await followUps.MovedAsync(item, from, ct);
        return record;
    }
}
