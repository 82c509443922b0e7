using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

using Portal.Features.Register;

namespace Portal.Features.Votes;

/// <summary>A vote's electorate, taken from the register when the vote opens (and again at a logged correction).</summary>
public sealed class FrozenElectorate(PortalDb db)
{
    /// <summary>Replaces the vote's electorate with the register's flats in scope as they stand now (saved with the caller's unit of work).</summary>
    public async Task<IReadOnlyList<(long OwnerOfRecordId, long AreaCents)>> TakeAsync(Vote vote, CancellationToken ct)
    {
        var scope = vote.Scope;
        var flats = await db.FlatsIn(vote.CompoundId, scope).AsNoTracking()
            .Select(f => new RegisterFlat(f.Id, f.OwnerOfRecordId, f.BuildingId, f.EntranceId, f.ExclusiveAreaCents))
            .ToListAsync(ct);
        await db.Set<ElectorateFlat>().Where(f => f.VoteId == vote.Id).ExecuteDeleteAsync(ct);
        await db.Set<ElectorateMember>().Where(m => m.VoteId == vote.Id).ExecuteDeleteAsync(ct);
        db.AddRange(flats.Select(f => new ElectorateFlat(vote.Id, f.FlatId, f.OwnerOfRecordId, f.BuildingId, f.EntranceId, f.AreaCents)));
        var members = Electorate.Members(flats);
        db.AddRange(members.Select(m => new ElectorateMember(vote.Id, m.OwnerOfRecordId, m.AreaCents)));
        return members;
    }

    /// <summary>The electorate as the audit log records it: [owner, area] pairs.</summary>
    public static IEnumerable<long[]> AuditForm(IEnumerable<(long OwnerOfRecordId, long AreaCents)> members) =>
        members.Select(m => new[] { m.OwnerOfRecordId, m.AreaCents });
}
