using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Notices;
using Portal.Domain.Residents;

namespace Portal.Features.Notices;

/// <summary>Which notices a member of the compound may read.</summary>
public static class NoticeAccess
{
    /// <summary>Posters see every notice (scheduled and expired too); residents see current ones addressed to a flat of theirs.</summary>
    public static bool MayRead(this Membership m, Notice notice, DateTimeOffset now)
    {
        if (m.Can(Capability.PostNotices)) return true;
        if (!notice.IsCurrent(now)) return false;
        if (m.IsPlatformAdmin || m.IsCityOfficerHere || m.Roles.Count > 0) return true;
        return m.Ties.Any(t => notice.Covers(t.BuildingId, t.EntranceId));
    }

    public static Task<Notice?> FindAsync(this PortalDb db, long compoundId, long id, CancellationToken ct) =>
        db.Set<Notice>().SingleOrDefaultAsync(n => n.Id == id && n.CompoundId == compoundId, ct);
}
