using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;

namespace Portal.Features.Projects;

/// <summary>
/// A residents' representative (a building lead or an owner of the item's scope) gives their acceptance opinion on
/// completed works (居民代表验收意见); giving it again replaces their own. Returns true for a first opinion.
/// </summary>
public sealed class GiveAcceptanceOpinion(PortalDb db, TimeProvider clock)
{
    /// <summary>Throws a domain error for someone outside the scope, works not completed (or already accepted), or a missing reason.</summary>
    public Task<bool> GiveAsync(PlanItem item, Membership membership, string userId, AcceptanceVerdict verdict, string? text,
        CancellationToken ct = default)
    {
        var representative = Representative.Of(membership, item)
            ?? throw new DomainException("acceptance.not_a_representative", "Only building leads and owners of the works' scope give an acceptance opinion.");
        // A double click loses the race for the unique (item, account) row and comes back to replace it.
        return RetryOnConflict.RunAsync(db, async () =>
        {
            var existing = await db.Set<AcceptanceOpinion>().FirstOrDefaultAsync(o => o.PlanItemId == item.Id && o.UserId == userId, ct);
            var now = clock.GetUtcNow();
            if (existing is null) db.Add(AcceptanceOpinion.Give(item, userId, representative, verdict, text, now));
            else existing.Replace(item, representative, verdict, text, now);
            await db.SaveChangesAsync(ct);
            return existing is null;
        }, ct);
    }
}
