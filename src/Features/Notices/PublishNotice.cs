using Portal.Data;
using Portal.Domain.Notices;
using Portal.Files;

namespace Portal.Features.Notices;

/// <summary>What a poster writes: the notice's text, reach and times (Shanghai local times are converted by the page).</summary>
public sealed record NoticeDraft(string Title, string? Body, NoticeCategory Category, NoticeReach Reach, IReadOnlyList<long> TargetIds,
    bool Pinned, bool RequiresAcknowledgement, DateTimeOffset? PublishAt, DateTimeOffset? ExpiresAt, bool Urgent = false);

/// <summary>
/// A poster (committee, property manager) posts a notice with its attachments, to the whole compound, some buildings
/// or some entrances; it is published now, or at its time by a job. A broken rule throws before anything is stored.
/// </summary>
public sealed class PublishNotice(PortalDb db, FileStore files, NoticeBoard board, TimeProvider clock)
{
    public async Task<Notice> PublishAsync(long compoundId, NoticeDraft draft, IReadOnlyList<IFormFile> attachments, string by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var publishAt = draft.PublishAt is { } p && p > now ? p : now;
        var notice = new Notice(compoundId, draft.Title, draft.Body ?? "", draft.Category, draft.Reach, draft.TargetIds, draft.Pinned,
            draft.RequiresAcknowledgement, publishAt, draft.ExpiresAt, by, now);
        if (draft.Urgent) notice.MarkUrgent();
        var stored = new List<StoredFile>();
        foreach (var upload in attachments)
            stored.Add(await files.AddAsync(upload, UploadRule.PhotoOrPdf, compoundId, FileOwnerKinds.Notice, by, ct));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(notice);
        await db.SaveChangesAsync(ct);
        foreach (var f in stored) db.Add(new NoticeAttachment(notice.Id, f.Id, f.FileName, f.ContentType));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await board.PublishOrScheduleAsync(notice, ct);
        return notice;
    }
}
