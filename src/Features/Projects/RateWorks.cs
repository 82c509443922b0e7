using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Features.Projects;

public enum RateOutcome { Rated, RatingChanged, NotYourFlat, Conflict }

/// <summary>An owner rates the completed works for one of their flats in scope (满意度); rating again changes the answer.</summary>
public sealed class RateWorks(PortalDb db, TimeProvider clock)
{
    /// <summary>Throws survey.closed when there is no open survey.</summary>
    public async Task<RateOutcome> RateAsync(PlanItem item, Membership membership, long flatId, int rating, string? comment, string userId,
        CancellationToken ct = default)
    {
        var tie = membership.Ties.FirstOrDefault(t => t.FlatId == flatId && t.Relation.MayVote());
        if (tie is null || !item.Scope.Covers(tie.BuildingId, tie.EntranceId)) return RateOutcome.NotYourFlat;
        var survey = await db.Set<SatisfactionSurvey>().FirstOrDefaultAsync(s => s.PlanItemId == item.Id, ct)
            ?? throw new DomainException("survey.closed", "There is no open survey for this item.");
        var existing = await db.Set<SurveyAnswer>().FirstOrDefaultAsync(a => a.SurveyId == survey.Id && a.FlatId == flatId, ct);
        var now = clock.GetUtcNow();
        if (existing is null) db.Add(survey.Answer(flatId, rating, comment, userId, now));
        else survey.Change(existing, rating, comment, userId, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two co-owners answered for the same flat at once: the unique index kept one.
            return RateOutcome.Conflict;
        }
        return existing is null ? RateOutcome.Rated : RateOutcome.RatingChanged;
    }
}
