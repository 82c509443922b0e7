using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Register;
using Portal.Features.Shared;

namespace Portal.Features.Votes;

/// <summary>
/// The committee prints the numbered A4 ballot papers (纸质表决票) of a vote: one per flat of the electorate, each with
/// a fresh paper code (纸质票编号). The codes are returned once, for printing, and kept only as keyed hashes; printing
/// again gives unused papers new codes (the old printout no longer counts) and leaves used ones alone. Logged.
/// </summary>
public sealed class IssueBallotPapers(PortalDb db, TimeProvider clock, BallotWriter writer, VoteAuditLog audit)
{
    public sealed record IssuedPaper(int Number, long FlatId, string FlatLabel, long OwnerOfRecordId, string Code);

    public async Task<IReadOnlyList<IssuedPaper>> RunAsync(long voteId, long compoundId, string byUserId, CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        if (vote.Status is not (VoteStatus.Draft or VoteStatus.Open))
            throw new DomainException("paper.vote_closed", "Ballot papers are printed only before the vote closes.");
        var flats = await (from f in db.Set<ElectorateFlat>()
                           join fl in db.NamedFlats() on f.FlatId equals fl.Flat.Id
                           where f.VoteId == voteId
                           select new { Named = fl, f.OwnerOfRecordId }).AsNoTracking().ToListAsync(ct);
        if (flats.Count == 0)
            throw new DomainException("paper.no_electorate", "The vote's electorate is fixed when it opens; print the papers after opening.");
        var ordered = flats.Select(f => new { f.Named.Flat.Id, f.Named.Label, f.Named.Building, f.Named.Entrance, f.Named.Flat.Room, f.OwnerOfRecordId })
            .OrderBy(f => f.Building.Length).ThenBy(f => f.Building).ThenBy(f => f.Entrance)
            .ThenBy(f => f.Room.Length).ThenBy(f => f.Room).ToList();
        // Codes and their hashes first: the hasher may store its key on its own connection, which must not wait for this transaction.
        var fresh = new List<(string Code, string Hash)>();
        foreach (var _ in ordered)
        {
            var code = PaperCodes.New();
            fresh.Add((code, await writer.PaperCodeHashAsync(voteId, code, ct)));
        }
        var issued = new List<IssuedPaper>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.QueueWritersAsync(voteId, ct);
        var existing = await db.Set<BallotPaper>().Where(p => p.VoteId == voteId).ToDictionaryAsync(p => p.FlatId, ct);
        var next = existing.Count == 0 ? 1 : existing.Values.Max(p => p.Number) + 1;
        var now = clock.GetUtcNow();
        foreach (var (f, (code, hash)) in ordered.Zip(fresh))
        {
            if (existing.TryGetValue(f.Id, out var paper) && paper.UsedAt is not null) continue;
            if (paper is null)
            {
                paper = new BallotPaper(voteId, f.Id, f.OwnerOfRecordId, next++, hash, now);
                db.Add(paper);
            }
            else paper.Reissue(hash, now);
            issued.Add(new IssuedPaper(paper.Number, f.Id, f.Label, f.OwnerOfRecordId, code));
        }
        await audit.AppendAsync(voteId, AuditActions.PaperBallotsIssued, byUserId,
            new { papers = issued.Select(p => new[] { p.Number, p.FlatId }).ToArray() }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return issued.OrderBy(p => p.Number).ToList();
    }
}
