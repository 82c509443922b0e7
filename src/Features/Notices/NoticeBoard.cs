using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Notifications;
using Portal.Notifications.Sms;
using Portal.Features.Register;

namespace Portal.Features.Notices;

/// <summary>What happens to notices: publishing (now or when scheduled), confirming, reminding.</summary>
public sealed class NoticeBoard(PortalDb db, INotifier notifier, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static string Summary(string markdown)
    {
        var text = SafeMarkdown.ToPlainText(markdown).ReplaceLineEndings(" ").Trim();
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    /// <summary>After the notice is saved: publish it now, or schedule the job that publishes it at its time.</summary>
    public async Task PublishOrScheduleAsync(Notice notice, CancellationToken ct)
    {
        if (notice.PublishAt <= clock.GetUtcNow())
            await PublishAsync(notice.Id, CancellationToken.None);
        else
        {
            var id = notice.Id;
            jobs.Schedule<NoticeBoard>(b => b.PublishAsync(id, CancellationToken.None), notice.PublishAt);
        }
    }

    /// <summary>The publishing job: safe to run twice, and run early it schedules itself again.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task PublishAsync(long noticeId, CancellationToken ct)
    {
        var notice = await db.Set<Notice>().SingleOrDefaultAsync(n => n.Id == noticeId, ct);
        if (notice is null || notice.IsPublished) return;
        if (!notice.Publish(clock.GetUtcNow()))
        {
            jobs.Schedule<NoticeBoard>(b => b.PublishAsync(noticeId, CancellationToken.None), notice.PublishAt);
            return;
        }
        var compound = await db.Set<Compound>().SingleAsync(c => c.Id == notice.CompoundId, ct);
        notifier.Raise(NotificationKind.NoticePublished, compound.Id, Audience.NoticeReaders(notice.Id),
            $"/c/{compound.Code}/notices/{notice.Id}", Values(notice, compound));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Confirms for every flat of the resident's in the notice's scope; true when something new was recorded.</summary>
    public async Task<bool> AcknowledgeAsync(Notice notice, string userId, IEnumerable<FlatTie> ties, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        notice.CheckCanBeAcknowledged(now);
        var flats = ties.Where(t => notice.Covers(t.BuildingId, t.EntranceId)).Select(t => t.FlatId).Distinct().ToList();
        var done = await db.Set<NoticeAcknowledgement>().Where(a => a.NoticeId == notice.Id && flats.Contains(a.FlatId)).Select(a => a.FlatId).ToListAsync(ct);
        var added = false;
        foreach (var flat in flats.Except(done))
        {
            db.Add(new NoticeAcknowledgement(notice.Id, flat, userId, now));
            added = true;
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return false; } // another resident of the flat confirmed at the same moment
        return added;
    }

    public async Task RemindAsync(Notice notice, Compound compound, CancellationToken ct)
    {
        notice.RecordReminder(clock.GetUtcNow());
        notifier.Raise(NotificationKind.NoticeReminder, compound.Id, Audience.NoticeNotAcknowledged(notice.Id),
            $"/c/{compound.Code}/notices/{notice.Id}", Values(notice, compound));
        await db.SaveChangesAsync(ct);
    }

    private static Dictionary<string, string> Values(Notice notice, Compound compound) => new()
    {
        ["title"] = notice.Title,
        ["compound"] = compound.Name,
        ["summary"] = Summary(notice.BodyMarkdown),
        [SmsNotifications.UrgentValue] = notice.Urgent ? "1" : "0",
    };

    /// <summary>Flats of the compound a notice covers, with their building and entrance names.</summary>
    public async Task<List<FlatInScope>> FlatsInScopeAsync(Notice notice, CancellationToken ct)
    {
        var flats = await db.NamedFlats().Where(f => f.Flat.CompoundId == notice.CompoundId)
            .Select(f => new FlatInScope(f.Flat.Id, f.Flat.BuildingId, f.Building, f.Flat.EntranceId, f.Entrance)).ToListAsync(ct);
        return flats.Where(f => notice.Covers(f.BuildingId, f.EntranceId)).ToList();
    }
}

public sealed record FlatInScope(long FlatId, long BuildingId, string Building, long EntranceId, string Entrance);

/// <summary>Residents a notice is for, and those of them whose flat has not confirmed it.</summary>
public sealed class NoticeAudience(PortalDb db) : IAudienceResolver
{
    public bool Handles(AudienceKind kind) => kind is AudienceKind.NoticeReaders or AudienceKind.NoticeNotAcknowledged;

    public async Task<IQueryable<string>> RecipientsAsync(NotificationEvent notification, Audience audience, CancellationToken ct)
    {
        var notice = await db.Set<Notice>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == audience.NoticeId, ct);
        if (notice is null) return db.Users.Where(_ => false).Select(u => u.Id);
        var targets = notice.TargetIds.ToList();
        var flats = db.Set<Flat>().Where(f => f.CompoundId == notice.CompoundId);
        flats = notice.Reach switch
        {
            NoticeReach.Buildings => flats.Where(f => targets.Contains(f.BuildingId)),
            NoticeReach.Entrances => flats.Where(f => targets.Contains(f.EntranceId)),
            _ => flats,
        };
        if (audience.Kind == AudienceKind.NoticeNotAcknowledged)
        {
            var noticeId = notice.Id;
            flats = flats.Where(f => !db.Set<NoticeAcknowledgement>().Any(a => a.NoticeId == noticeId && a.FlatId == f.Id));
        }
        return from l in db.Set<ResidentLink>()
               join f in flats on l.FlatId equals f.Id
               where l.UnlinkedAt == null
               select l.UserId;
    }
}
