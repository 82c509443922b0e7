using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>A vote's notifications, linked to its page and carrying its title; stored in the caller's unit of work.</summary>
public sealed class VoteNotifications(PortalDb db, INotifier notifier)
{
    public static string Link(string compoundCode, long voteId) => $"/c/{compoundCode}/votes/{voteId}";

    /// <summary>Raises <paramref name="kind"/> for the vote's page (or its sub-page, e.g. "/result").</summary>
    public async Task RaiseAsync(NotificationKind kind, Vote vote, Audience audience, IReadOnlyDictionary<string, string>? values = null,
        string page = "", CancellationToken ct = default)
    {
        var all = new Dictionary<string, string>(values ?? new Dictionary<string, string>()) { ["title"] = vote.Title };
        notifier.Raise(kind, vote.CompoundId, audience, await LinkAsync(vote, ct) + page, all);
    }

    /// <summary>Whether <paramref name="kind"/> was already raised for the vote's page (jobs that run twice raise once).</summary>
    public async Task<bool> AlreadyRaisedAsync(NotificationKind kind, Vote vote, CancellationToken ct = default)
    {
        var link = await LinkAsync(vote, ct);
        return await db.Set<NotificationEvent>().AnyAsync(e => e.Kind == kind && e.Link == link, ct);
    }

    private async Task<string> LinkAsync(Vote vote, CancellationToken ct) =>
        Link(await db.Set<Compound>().Where(c => c.Id == vote.CompoundId).Select(c => c.Code).FirstAsync(ct), vote.Id);
}
