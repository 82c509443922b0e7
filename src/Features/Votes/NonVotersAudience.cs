using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>
/// Reminders go to the accounts linked as owner or co-owner to a flat of an owner of record in the vote's frozen
/// electorate who has no current ballot yet.
/// </summary>
public sealed class NonVotersAudience(PortalDb db) : IAudienceResolver
{
    public bool Handles(AudienceKind kind) => kind == AudienceKind.NonVoters;

    public Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct)
    {
        var voteId = audience.VoteId;
        var recipients =
            from f in db.Set<ElectorateFlat>()
            where f.VoteId == voteId
                  && !db.Set<CurrentBallot>().Any(b => b.VoteId == voteId && b.OwnerOfRecordId == f.OwnerOfRecordId)
            join l in db.Set<ResidentLink>() on f.FlatId equals l.FlatId
            where l.UnlinkedAt == null && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
            select l.UserId;
        return Task.FromResult(recipients);
    }
}
