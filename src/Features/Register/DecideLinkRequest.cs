using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;

namespace Portal.Features.Register;

/// <summary>The committee approves a resident's request to be linked to a flat; the resident is told.</summary>
public sealed class ApproveLinkRequest(PortalDb db, TimeProvider clock, INotifier notifier)
{
    /// <summary>False when the compound has no such request.</summary>
    public async Task<bool> ApproveAsync(Compound compound, long requestId, string by, string? reason, CancellationToken ct = default)
    {
        var request = await LinkRequestDecision.FindAsync(db, compound, requestId, ct);
        if (request is null) return false;
        reason = LinkRequestDecision.Shorten(reason);
        db.Add(request.Approve(by, clock.GetUtcNow(), reason));
        await LinkRequestDecision.SaveAndTellAsync(db, notifier, compound, request, reason, ct);
        return true;
    }
}

/// <summary>The committee rejects a resident's request to be linked to a flat, with a reason; the resident is told.</summary>
public sealed class RejectLinkRequest(PortalDb db, TimeProvider clock, INotifier notifier)
{
    /// <summary>False when the compound has no such request.</summary>
    public async Task<bool> RejectAsync(Compound compound, long requestId, string by, string? reason, CancellationToken ct = default)
    {
        var request = await LinkRequestDecision.FindAsync(db, compound, requestId, ct);
        if (request is null) return false;
        reason = LinkRequestDecision.Shorten(reason);
        request.Reject(by, clock.GetUtcNow(), reason ?? "");
        await LinkRequestDecision.SaveAndTellAsync(db, notifier, compound, request, reason, ct);
        return true;
    }
}

internal static class LinkRequestDecision
{
    public static Task<LinkRequest?> FindAsync(PortalDb db, Compound compound, long requestId, CancellationToken ct) =>
        db.Set<LinkRequest>().FirstOrDefaultAsync(r => r.Id == requestId && r.CompoundId == compound.Id, ct);

    public const int ReasonMaxLength = 500;

    /// <summary>The trimmed reason; a too-long one is refused, never cut (issue 17).</summary>
    public static string? Shorten(string? reason) => reason?.Trim() is { Length: > ReasonMaxLength }
        ? throw new DomainException("reason.too_long", "A reason has at most 500 characters.")
        : reason?.Trim();

    public static async Task SaveAndTellAsync(PortalDb db, INotifier notifier, Compound compound, LinkRequest request, string? reason, CancellationToken ct)
    {
        // The certificate photo was only for this decision: it goes with it.
        if (request.ForgetCertificate() is { } photoId && await db.Set<Portal.Files.StoredFile>().FindAsync([photoId], ct) is { } photo)
            db.Remove(photo);
        notifier.Raise(NotificationKind.LinkRequestDecided, compound.Id, Audience.Users(request.UserId), "/residents/request",
            new Dictionary<string, string>
            {
                ["compound"] = compound.Name,
                ["status"] = request.Status.ToString(),
                ["reason"] = reason ?? "",
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another committee member decided it a moment earlier.
            throw new DomainException("link_request.already_decided", "This request has already been decided.");
        }
    }
}
