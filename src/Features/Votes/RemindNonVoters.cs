using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>Before closing, owners who have not voted yet are reminded, once per vote.</summary>
public sealed class RemindNonVoters(PortalDb db, VoteNotifications notifications)
{
    /// <summary>When the vote's reminder is due; null when it has none (0 hours, or the vote opened inside the reminder window).</summary>
    public static DateTimeOffset? RemindsAt(Vote vote) =>
        vote.ReminderHoursBefore > 0 && vote.ClosesAt.AddHours(-vote.ReminderHoursBefore) > vote.OpensAt
            ? vote.ClosesAt.AddHours(-vote.ReminderHoursBefore)
            : null;

    /// <summary>Safe to run twice: one reminder event per vote.</summary>
    public async Task RunAsync(long voteId, CancellationToken ct = default)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Open) return;
        if (await notifications.AlreadyRaisedAsync(NotificationKind.VoteReminder, vote, ct)) return;
        await notifications.RaiseAsync(NotificationKind.VoteReminder, vote, Audience.NonVoters(voteId),
            new Dictionary<string, string> { ["closes"] = Shared.Shanghai.Format(vote.ClosesAt) }, ct: ct);
        await db.SaveChangesAsync(ct);
    }
}
