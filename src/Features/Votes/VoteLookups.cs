using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

public static class VoteLookups
{
    /// <summary>The vote, tracked, if it belongs to the compound; otherwise a "no such vote" error.</summary>
    public static async Task<Vote> VoteInCompoundAsync(this PortalDb db, long voteId, long compoundId, CancellationToken ct) =>
        await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct)
        ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
}
