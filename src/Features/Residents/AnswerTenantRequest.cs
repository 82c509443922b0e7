using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;

namespace Portal.Features.Residents;

/// <summary>
/// The owner of record of a flat approves a tenant's (or family member's) request to be linked to it, from their inbox
/// or their flats page. The request keeps who decided and when; the tenant is told, and never gets the owner's vote.
/// </summary>
public sealed class ApproveTenantLink(PortalDb db, TimeProvider clock, Portal.Notifications.INotifier notifier)
{
    /// <summary>False when there is no such pending request that <paramref name="ownerUserId"/> may decide.</summary>
    public async Task<bool> ApproveAsync(string ownerUserId, long requestId, string? reason, CancellationToken ct = default)
    {
        if (await TenantRequests.DecidableByAsync(db, ownerUserId, requestId, ct) is not { } found) return false;
        reason = LinkRequestDecision.Shorten(reason);
        db.Add(found.Request.Approve(ownerUserId, clock.GetUtcNow(), reason));
        await LinkRequestDecision.SaveAndTellAsync(db, notifier, found.Compound, found.Request, reason, ct);
        return true;
    }
}

/// <summary>The owner of record refuses a tenant's request to be linked to their flat, with a reason; the tenant is told.</summary>
public sealed class RefuseTenantLink(PortalDb db, TimeProvider clock, Portal.Notifications.INotifier notifier)
{
    /// <summary>False when there is no such pending request that <paramref name="ownerUserId"/> may decide.</summary>
    public async Task<bool> RefuseAsync(string ownerUserId, long requestId, string? reason, CancellationToken ct = default)
    {
        if (await TenantRequests.DecidableByAsync(db, ownerUserId, requestId, ct) is not { } found) return false;
        reason = LinkRequestDecision.Shorten(reason);
        found.Request.Reject(ownerUserId, clock.GetUtcNow(), reason ?? "");
        await LinkRequestDecision.SaveAndTellAsync(db, notifier, found.Compound, found.Request, reason, ct);
        return true;
    }
}

public static class TenantRequests
{
    /// <summary>Tenants and family ask the owner; owners and co-owners prove title to the committee instead.</summary>
    public static bool OwnerDecides(this ResidentRelation relation) => !relation.MayVote();

    /// <summary>
    /// The tenant or family request and its compound, when <paramref name="userId"/> is linked as owner or co-owner to
    /// the owner of record of the requested flat; otherwise null. One decided already is refused by the request itself
    /// (a second click, or another co-owner a moment earlier).
    /// </summary>
    public static async Task<(LinkRequest Request, Compound Compound)?> DecidableByAsync(PortalDb db, string userId, long requestId, CancellationToken ct)
    {
        var request = await db.Set<LinkRequest>().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null || !request.Relation.OwnerDecides()) return null;
        var ownerOfRecordId = await db.Set<Flat>().Where(f => f.Id == request.FlatId).Select(f => f.OwnerOfRecordId).FirstOrDefaultAsync(ct);
        if (!(await db.VotingAccountsOfAsync(ownerOfRecordId, ct)).Contains(userId)) return null;
        var compound = await db.Set<Compound>().SingleAsync(c => c.Id == request.CompoundId, ct);
        return (request, compound);
    }
}
