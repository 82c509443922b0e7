using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Features.Register;

/// <summary>The committee unlinks an account from a flat (moving out, sale) with a reason; the link's history stays.</summary>
public sealed class UnlinkResident(PortalDb db, TimeProvider clock)
{
    /// <summary>False when the compound has no such link. Unlinking twice changes nothing.</summary>
    public async Task<bool> UnlinkAsync(long compoundId, long linkId, string by, string? reason, CancellationToken ct = default)
    {
        var link = await db.Set<ResidentLink>().FirstOrDefaultAsync(l => l.Id == linkId && l.CompoundId == compoundId, ct);
        if (link is null) return false;
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("resident.unlink_reason_required", "A reason is required to unlink.");
        if (!link.IsActive) return true;
        var text = reason.Trim();
        link.Unlink(clock.GetUtcNow(), by, text.Length > 500 ? text[..500] : text);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
