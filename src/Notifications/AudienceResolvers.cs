using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Notifications;

/// <summary>
/// Turns an <see cref="Audience"/> into account ids when the fan-out job runs. Features add their own audiences
/// (the votes feature: <see cref="AudienceKind.NonVoters"/>) by registering another implementation in DI.
/// </summary>
public interface IAudienceResolver
{
    bool Handles(AudienceKind kind);

    /// <summary>A query of user ids (duplicates allowed), so large audiences stay in the database.</summary>
    Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct);
}

public sealed class UsersAudience(PortalDb db) : IAudienceResolver
{
    public bool Handles(AudienceKind kind) => kind == AudienceKind.Users;

    public Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct)
    {
        var ids = (audience.UserIds ?? []).ToList();
        return Task.FromResult(db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id));
    }
}

/// <summary>Accounts with an active link to a flat in scope; owners only for <see cref="AudienceKind.Owners"/>.</summary>
public sealed class ResidentsAudience(PortalDb db) : IAudienceResolver
{
    public bool Handles(AudienceKind kind) => kind is AudienceKind.Residents or AudienceKind.Owners;

    public Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct)
    {
        var compoundId = notification.CompoundId;
        var links = from l in db.Set<ResidentLink>()
                    join f in db.Set<Flat>() on l.FlatId equals f.Id
                    where l.CompoundId == compoundId && l.UnlinkedAt == null
                    select new { l.UserId, l.Relation, f.BuildingId, f.EntranceId };
        links = audience.ScopeKind switch
        {
            ScopeKind.Building => links.Where(x => x.BuildingId == audience.BuildingId),
            ScopeKind.Entrance => links.Where(x => x.EntranceId == audience.EntranceId),
            _ => links,
        };
        if (audience.Kind == AudienceKind.Owners)
            links = links.Where(x => x.Relation == ResidentRelation.Owner || x.Relation == ResidentRelation.CoOwner);
        return Task.FromResult(links.Select(x => x.UserId));
    }
}

public sealed class RoleAudience(PortalDb db) : IAudienceResolver
{
    public bool Handles(AudienceKind kind) => kind == AudienceKind.Role;

    public Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct) =>
        Task.FromResult(db.Set<CompoundRole>().Where(r => r.CompoundId == notification.CompoundId && r.Kind == audience.Role).Select(r => r.UserId));
}
