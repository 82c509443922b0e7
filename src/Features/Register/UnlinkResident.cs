using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Features.Register;

/// <summary>
/// The committee unlinks an account from a flat (moving out, sale) with a reason; the link's history stays. When the
/// account was its owner's voting representative, the next linked owner account takes over, logged in open votes.
/// </summary>
public sealed class UnlinkResident(PortalDb db, TimeProvider clock, Portal.Features.Residents.RepresentativeChange representatives)
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
        if (text.Length > 500) throw new DomainException("reason.too_long", "A reason has at most 500 characters.");
        if (!link.Relation.MayVote())
        {
            link.Unlink(clock.GetUtcNow(), by, text);
            await db.SaveChangesAsync(ct);
            return true;
        }
        var ownerOfRecordId = await db.Set<Portal.Domain.Register.Flat>().Where(f => f.Id == link.FlatId).Select(f => f.OwnerOfRecordId).SingleAsync(ct);
        await representatives.AroundAsync(ownerOfRecordId, compoundId, by, Portal.Features.Residents.RepresentativeChange.ByUnlink, async () =>
        {
            // Read again: a retry after a lost race starts from a cleared unit of work.
            var current = await db.Set<ResidentLink>().SingleAsync(l => l.Id == linkId, ct);
            if (current.IsActive) current.Unlink(clock.GetUtcNow(), by, text);
        }, ct);
        return true;
    }
}
