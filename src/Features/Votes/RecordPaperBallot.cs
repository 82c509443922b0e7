using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;

namespace Portal.Features.Votes;

/// <summary>The committee records a paper, assisted or proxy ballot for a flat (the flat's owner of record votes).</summary>
public sealed class RecordPaperBallot(PortalDb db, BallotWriter writer)
{
    public async Task<CastReceipt> RunAsync(long voteId, long compoundId, long flatId, IReadOnlyList<MatterChoice> choices,
        BallotMeta meta, CancellationToken ct = default)
    {
        if (meta.Channel is BallotChannel.Assisted or BallotChannel.Proxy &&
            (string.IsNullOrWhiteSpace(meta.Reason) || string.IsNullOrWhiteSpace(meta.AuthorisationReference)))
            throw new DomainException("ballot.assisted_needs_reason", "Assisted and proxy ballots need a reason and the authorisation's reference.");
        if (meta.PaperDate is null)
            throw new DomainException("ballot.paper_date_required", "The date on the paper ballot is required.");
        var owner = await db.Set<ElectorateFlat>().Where(f => f.VoteId == voteId && f.FlatId == flatId)
            .Select(f => (long?)f.OwnerOfRecordId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("ballot.flat_outside_scope", "This flat is not in the vote's scope.");
        if (meta.PaperCode is not null) await writer.WarmPaperCodesAsync(ct);
        return await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var vote = await writer.VoteTakingBallotsAsync(voteId, compoundId, ct, committeeEntry: true);
            var receipt = await writer.ApplyAsync(vote, owner, choices, meta with { FlatId = flatId }, ct);
            await tx.CommitAsync(ct);
            return receipt;
        }, ct);
    }
}
