using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Files;
using Portal.Notifications;

namespace Portal.Features.Projects;

/// <summary>The property manager or committee posts progress on the works with photos; residents in scope hear about it.</summary>
public sealed class PostConstructionUpdate(PortalDb db, FileStore files, INotifier notifier, TimeProvider clock)
{
    /// <summary>Throws a domain error for bad progress and <see cref="UploadRefusedException"/> for a bad photo; nothing is saved then.</summary>
    public async Task<ConstructionUpdate> PostAsync(Compound compound, PlanItem item, string text, DateOnly workDate, int percentDone,
        IReadOnlyList<IFormFile> photos, string postedBy, CancellationToken ct = default)
    {
        var update = ConstructionUpdate.Post(item, text, workDate, percentDone, postedBy, clock.GetUtcNow());
        foreach (var photo in photos)
            update.AddPhoto((await files.AddAsync(photo, UploadRule.Photo, compound.Id, FileOwnerKinds.ConstructionUpdate, postedBy, ct)).Id);
        db.Add(update);
        notifier.Raise(NotificationKind.ConstructionUpdate, compound.Id, Audience.ResidentsIn(item.Scope), ProjectQueries.Link(compound, item.Id),
            new Dictionary<string, string> { ["title"] = item.Title, ["percent"] = update.PercentDone.ToString(), ["text"] = update.Text });
        await db.SaveChangesAsync(ct);
        return update;
    }
}
