using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Notices;
using Portal.Features.Shared;
using Portal.Files;
using Portal.Notifications;

namespace Portal.Features.Projects;

/// <summary>
/// The plan (改造方案) and its publication (方案公示): a convener publishes a version, which is posted as a notice to
/// the item's scope; residents comment while the period runs; the convener answers, one comment at a time or with the
/// next version, and everyone who commented on an earlier version hears that a new one is out.
/// </summary>
public sealed class PlanVersions(PortalDb db, FileStore files, PublishNotice publish, INotifier notifier, TimeProvider clock,
    IConfiguration config, IStringLocalizer<ProjectsText> t)
{
    /// <summary>The shortest publication period the convener may choose (<c>Plans:MinimumPublicationDays</c>, default 5).</summary>
    public int MinimumPublicationDays => Math.Max(1, config.GetValue("Plans:MinimumPublicationDays", PlanVersion.DefaultMinimumPublicationDays));

    public static string Link(Compound compound, long planItemId, int? number = null) =>
        $"/c/{compound.Code}/projects/{planItemId}/plan" + (number is { } n ? $"?v={n}" : "");

    /// <summary>Publishes the next version. Throws a domain error, or <see cref="UploadRefusedException"/> for a bad document, before anything is stored.</summary>
    public async Task<PlanVersion> PublishAsync(Compound compound, PlanItem item, PlanVersionDraft draft, IReadOnlyList<IFormFile> documents,
        IReadOnlyCollection<long> answeredCommentIds, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var number = (await db.Set<PlanVersion>().Where(v => v.PlanItemId == item.Id).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        var version = PlanVersion.Publish(item, number, draft, MinimumPublicationDays, documents.Count, byUserId, now);
        var answered = answeredCommentIds.Count == 0 ? [] : await db.Set<PlanComment>()
            .Where(c => c.PlanItemId == item.Id && answeredCommentIds.Contains(c.Id) && c.Answer == null).ToListAsync(ct);
        var stored = new List<StoredFile>();
        foreach (var upload in documents)
            stored.Add(await files.AddAsync(upload, UploadRule.PhotoOrPdf, compound.Id, FileOwnerKinds.PlanDocument, byUserId, ct));
        foreach (var f in stored) version.AddDocument(f.Id);

        var notice = await publish.PublishAsync(compound.Id, NoticeOf(compound, item, version), [], byUserId, ct);
        version.PostedAs(notice.Id);
        db.Add(version);
        await db.SaveChangesAsync(ct);

        foreach (var comment in answered)
            comment.AnswerWith(t["Comment_AnsweredInVersion", version.Number, version.Changes ?? ""].Value, byUserId, now, version.Id);
        var commenters = await db.Set<PlanComment>().Where(c => c.PlanItemId == item.Id && c.PlanVersionId != version.Id)
            .Select(c => c.AuthorId).Distinct().ToListAsync(ct);
        if (commenters.Count > 0)
            notifier.Raise(NotificationKind.PlanVersionPublished, compound.Id, Audience.Users([.. commenters]), Link(compound, item.Id, version.Number),
                new Dictionary<string, string>
                {
                    ["title"] = item.Title, ["version"] = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["changes"] = version.Changes ?? "", ["until"] = Shanghai.Format(version.PublicationEndsAt),
                });
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>The publication notice: the plan's text, who carries it out, the budget and the period for comments.</summary>
    private NoticeDraft NoticeOf(Compound compound, PlanItem item, PlanVersion version)
    {
        var (reach, targets) = item.Scope.Kind switch
        {
            ScopeKind.Building => (NoticeReach.Buildings, new[] { item.BuildingId!.Value }),
            ScopeKind.Entrance => (NoticeReach.Entrances, new[] { item.EntranceId!.Value }),
            _ => (NoticeReach.Compound, Array.Empty<long>()),
        };
        var title = t["Publication_NoticeTitle", item.Title, version.Number].Value;
        if (title.Length > Notice.TitleMaxLength) title = title[..Notice.TitleMaxLength];
        var body = new System.Text.StringBuilder()
            .AppendLine(t["Publication_NoticeIntro", Shanghai.Format(version.PublishedAt), Shanghai.Format(version.PublicationEndsAt)].Value).AppendLine();
        if (version.Changes is { } changes) body.AppendLine(t["Publication_NoticeChanges", changes].Value).AppendLine();
        body.AppendLine(version.Text).AppendLine()
            .AppendLine(t["Publication_NoticeImplementer", version.ImplementingBody].Value).AppendLine();
        if (version.BudgetTotalFen > 0) body.AppendLine(t["Publication_NoticeBudget", Money.FormatYuan(version.BudgetTotalFen)].Value).AppendLine();
        body.AppendLine(t["Publication_NoticeComment", Link(compound, item.Id, version.Number)].Value);
        return new NoticeDraft(title, body.ToString(), NoticeCategory.Construction, reach, targets, Pinned: true, RequiresAcknowledgement: false,
            PublishAt: null, ExpiresAt: version.PublicationEndsAt);
    }

    /// <summary>A resident comments on the version being published.</summary>
    public async Task<PlanComment> CommentAsync(PlanVersion version, string text, string byUserId, CancellationToken ct = default)
    {
        var comment = PlanComment.Write(version, byUserId, text, clock.GetUtcNow());
        db.Add(comment);
        await db.SaveChangesAsync(ct);
        return comment;
    }

    /// <summary>The convener answers one comment; its author is told.</summary>
    public async Task AnswerAsync(Compound compound, PlanItem item, PlanComment comment, string answer, string byUserId, CancellationToken ct = default)
    {
        comment.AnswerWith(answer, byUserId, clock.GetUtcNow());
        notifier.Raise(NotificationKind.PlanCommentAnswered, compound.Id, Audience.Users(comment.AuthorId), Link(compound, item.Id),
            new Dictionary<string, string> { ["title"] = item.Title, ["answer"] = comment.Answer! });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A convener records that a phase is skipped for this item, with the reason; recording again changes the reason.</summary>
    public async Task SkipPhaseAsync(PlanItem item, PlanPhase phase, string reason, string byUserId, CancellationToken ct = default)
    {
        var skip = new PlanPhaseSkip(item, phase, reason, byUserId, clock.GetUtcNow());
        var existing = await db.Set<PlanPhaseSkip>().FirstOrDefaultAsync(s => s.PlanItemId == item.Id && s.Phase == phase, ct);
        if (existing is not null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(ct);
        }
        db.Add(skip);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The skip is withdrawn: the phase is held after all.</summary>
    public async Task UnskipPhaseAsync(PlanItem item, PlanPhase phase, CancellationToken ct = default)
    {
        await db.Set<PlanPhaseSkip>().Where(s => s.PlanItemId == item.Id && s.Phase == phase).ExecuteDeleteAsync(ct);
    }

    /// <summary>The latest published version of an item, if any.</summary>
    public Task<PlanVersion?> LatestAsync(long planItemId, CancellationToken ct) =>
        db.Set<PlanVersion>().AsNoTracking().Where(v => v.PlanItemId == planItemId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
}
