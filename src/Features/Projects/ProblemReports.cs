using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Files;
using Portal.Notifications;

namespace Portal.Features.Projects;

/// <summary>A resident reports a problem with the works (问题反馈), with photos.</summary>
public sealed class ReportProblem(PortalDb db, FileStore files, TimeProvider clock)
{
    /// <summary>Throws a domain error for a bad report and <see cref="UploadRefusedException"/> for a bad photo; nothing is saved then.</summary>
    public async Task<ProblemReport> ReportAsync(Compound compound, PlanItem item, ProblemKind kind, string text, IReadOnlyList<IFormFile> photos,
        string reportedBy, CancellationToken ct = default)
    {
        var report = new ProblemReport(item, kind, text, reportedBy, clock.GetUtcNow());
        foreach (var photo in photos)
            report.AddPhoto((await files.AddAsync(photo, UploadRule.Photo, compound.Id, FileOwnerKinds.ProblemReport, reportedBy, ct)).Id);
        db.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }
}

/// <summary>The committee or property manager answers a report and closes it; the reporter is told.</summary>
public sealed class AnswerProblem(PortalDb db, INotifier notifier, TimeProvider clock)
{
    public async Task AnswerAsync(Compound compound, PlanItem item, ProblemReport report, string answer, string answeredBy, CancellationToken ct = default)
    {
        report.AnswerAndClose(answer, answeredBy, clock.GetUtcNow());
        notifier.Raise(NotificationKind.ProblemReportAnswered, compound.Id, Audience.Users(report.ReportedBy), ProjectQueries.Link(compound, item.Id),
            new Dictionary<string, string> { ["title"] = item.Title, ["answer"] = report.Answer! });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The reporter reopens a closed report, once, saying why the problem is not solved.</summary>
public sealed class ReopenProblem(PortalDb db, TimeProvider clock)
{
    public async Task ReopenAsync(ProblemReport report, string reopenedBy, string reason, CancellationToken ct = default)
    {
        report.Reopen(reopenedBy, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
