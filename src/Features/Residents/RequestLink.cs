using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Residents;

/// <summary>
/// Without a letter: a resident asks to be linked to a flat. The committee decides every request; a tenant's or family
/// member's request also goes to the inbox of the flat's owners, who may approve or refuse it themselves.
/// </summary>
public sealed class RequestLink(PortalDb db, TimeProvider clock, INotifier notifier)
{
    public async Task<LinkRequest> RequestAsync(string userId, string compoundCode, string building, string entrance, string room,
        ResidentRelation relation, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(relation))
            throw new DomainException("link_request.bad_relation", "Choose how you are related to the flat.");
        var code = Compound.NormaliseCode(compoundCode);
        var found = await (from f in db.Set<Flat>()
                           join c in db.Set<Compound>() on f.CompoundId equals c.Id
                           join b in db.Set<Building>() on f.BuildingId equals b.Id
                           join e in db.Set<Entrance>() on f.EntranceId equals e.Id
                           where c.Code == code && b.Name == building.Trim() && e.Name == entrance.Trim() && f.Room == room.Trim()
                           select new { Flat = f, Compound = c.Name, Building = b.Name, Entrance = e.Name }).FirstOrDefaultAsync(ct)
                    ?? throw new DomainException("link_request.no_such_flat", "There is no such flat in the compound's register.");
        var flat = found.Flat;
        if (await db.Set<LinkRequest>().AnyAsync(r => r.UserId == userId && r.FlatId == flat.Id && r.Status == LinkRequestStatus.Pending, ct))
            throw new DomainException("link_request.already_pending", "This account already asked for this flat.");
        var request = new LinkRequest(userId, flat.CompoundId, flat.Id, relation, note, clock.GetUtcNow());
        db.Add(request);
        if (relation.OwnerDecides())
        {
            var owners = (await db.VotingAccountsOfAsync(flat.OwnerOfRecordId, ct)).Where(u => u != userId).ToArray();
            if (owners.Length > 0)
                notifier.Raise(NotificationKind.TenantLinkRequested, flat.CompoundId, Audience.Users(owners), "/residents/flats",
                    new Dictionary<string, string>
                    {
                        ["compound"] = found.Compound,
                        ["flat"] = FlatLabel.Of(found.Building, found.Entrance, flat.Room),
                    });
        }
        await db.SaveChangesAsync(ct);
        return request;
    }
}
