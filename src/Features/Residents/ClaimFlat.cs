using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;

namespace Portal.Features.Residents;

/// <summary>Why a code did not link the flat.</summary>
public enum ClaimRefusal { Wrong, Used, Revoked, Expired, Locked }

/// <summary>
/// The flat's compound when claimed; otherwise why not, the tries left before the lockout (none when the try did not
/// count) and, once locked, until when.
/// </summary>
public sealed record ClaimResult(string? CompoundCode, ClaimRefusal? Refusal, int? TriesLeft, DateTimeOffset? LockedUntil)
{
    public bool Claimed => CompoundCode is not null;
}

/// <summary>
/// A signed-in resident enters the code from their invitation letter and is linked to that flat as owner.
/// Wrong codes count per account and per address; too many lock claiming for a while.
/// </summary>
public sealed class ClaimFlat(PortalDb db, InvitationCodes codes, TimeProvider clock, IOptions<RegisterOptions> options)
{
    public async Task<ClaimResult> ClaimAsync(string userId, string? ip, string plainCode, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var since = now.AddMinutes(-o.LockoutMinutes);

        var accountFailures = await db.Set<ClaimAttempt>().Where(a => a.UserId == userId && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        var addressFailures = ip is null ? [] : await db.Set<ClaimAttempt>().Where(a => a.Ip == ip && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        if (accountFailures.Count >= o.ClaimFailuresPerAccount || addressFailures.Count >= o.ClaimFailuresPerAddress)
        {
            var oldest = accountFailures.Count >= o.ClaimFailuresPerAccount ? accountFailures.Min() : addressFailures.Min();
            return new ClaimResult(null, ClaimRefusal.Locked, 0, oldest.AddMinutes(o.LockoutMinutes));
        }

        var code = await codes.FindAsync(plainCode, ct);
        if (code is null || !code.IsUsable(now))
        {
            db.Add(new ClaimAttempt(userId, ip, now, succeeded: false));
            await db.SaveChangesAsync(ct);
            var why = code is null ? ClaimRefusal.Wrong
                : code.UsedAt is not null ? ClaimRefusal.Used
                : code.RevokedAt is not null ? ClaimRefusal.Revoked
                : ClaimRefusal.Expired;
            var left = o.ClaimFailuresPerAccount - accountFailures.Count - 1;
            return new ClaimResult(null, why, left, left > 0 ? null : now.AddMinutes(o.LockoutMinutes));
        }

        code.Redeem(userId, now);
        db.Add(new ClaimAttempt(userId, ip, now, succeeded: true));
        var alreadyOwner = await db.Set<ResidentLink>().AnyAsync(l => l.UserId == userId && l.FlatId == code.FlatId && l.UnlinkedAt == null && l.Relation == ResidentRelation.Owner, ct);
        if (!alreadyOwner)
            db.Add(new ResidentLink(userId, code.CompoundId, code.FlatId, ResidentRelation.Owner, now, $"letter:{code.Id}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone redeemed the same code a moment earlier.
            return new ClaimResult(null, ClaimRefusal.Used, null, null);
        }
        var compoundCode = await db.Set<Compound>().Where(c => c.Id == code.CompoundId).Select(c => c.Code).SingleAsync(ct);
        return new ClaimResult(compoundCode, null, null, null);
    }
}
