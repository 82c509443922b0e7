using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

public sealed record CastReceipt(string ReceiptCode, int Version);

/// <summary>How a ballot reached the count, and who entered it (the owner's account online, else the committee member).</summary>
public sealed record BallotMeta(BallotChannel Channel, string By, long? FlatId, DateOnly? PaperDate, string? Reason, string? AuthorisationReference);

/// <summary>Another submission for the same owner won the race; the loser retries with the new version.</summary>
public sealed class BallotConflictException() : DbUpdateConcurrencyException("The current ballot changed meanwhile.");

/// <summary>
/// Writes ballots, whatever their channel (online, paper, imported): the history row, the owner's current ballot
/// (guarded by its version), the current choices and the audit entry. Runs inside the caller's transaction.
/// </summary>
public sealed class BallotWriter(PortalDb db, TimeProvider clock, VoteAuditLog audit, VoteCounter counter)
{
    /// <summary>
    /// The vote, if it takes ballots now. Call it first in the transaction: it queues this writer behind the vote's
    /// other writers (see <see cref="VoteAuditLog.QueueWritersAsync"/>) before reading anything.
    /// </summary>
    public async Task<Vote> VoteTakingBallotsAsync(long voteId, long compoundId, CancellationToken ct)
    {
        await audit.QueueWritersAsync(voteId, ct);
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct)
            ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
        if (!vote.AcceptsBallotsAt(clock.GetUtcNow()))
            throw new DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
        return vote;
    }

    /// <summary>Records one owner's ballot in <paramref name="vote"/> (from <see cref="VoteTakingBallotsAsync"/>) and saves it.</summary>
    public async Task<CastReceipt> ApplyAsync(Vote vote, long owner, IReadOnlyList<MatterChoice> choices, BallotMeta meta, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var voteId = vote.Id;
        if (!await db.Set<ElectorateMember>().AnyAsync(m => m.VoteId == voteId && m.OwnerOfRecordId == owner, ct))
            throw new DomainException("ballot.not_in_electorate", "This owner is not in the vote's electorate.");
        if (meta.Channel != BallotChannel.Online && (await OwnersWhoseOnlineBallotPrevailsAsync(vote, ct, owner)).Count > 0)
            throw new DomainException("ballot.online_ballot_prevails",
                "The owner voted online and the compound's rules let the online ballot prevail over a committee entry.");
        var normalised = await ValidateChoicesAsync(voteId, choices, meta.Channel, ct);

        var current = await db.Set<CurrentBallot>().AsNoTracking()
            .FirstOrDefaultAsync(b => b.VoteId == voteId && b.OwnerOfRecordId == owner, ct);
        var version = (current?.Version ?? 0) + 1;
        var receipt = ReceiptCodes.New();
        var choicesText = MatterChoice.Format(normalised);
        var history = new BallotVersion(voteId, owner, version, choicesText, receipt, meta.Channel, now, meta.By, meta.FlatId,
            meta.PaperDate, meta.Reason?.Trim(), meta.AuthorisationReference?.Trim());
        db.Add(history);
        await db.SaveChangesAsync(ct);

        if (current is null)
            db.Add(new CurrentBallot(voteId, owner, version, receipt, history.Id, now));
        else
        {
            var updated = await db.Set<CurrentBallot>()
                .Where(b => b.Id == current.Id && b.Version == current.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, version).SetProperty(b => b.ReceiptCode, receipt)
                    .SetProperty(b => b.BallotVersionId, history.Id).SetProperty(b => b.CastAt, now), ct);
            if (updated != 1) throw new BallotConflictException();
        }
        await db.Set<CurrentChoice>().Where(c => c.VoteId == voteId && c.OwnerOfRecordId == owner).ExecuteDeleteAsync(ct);
        db.AddRange(normalised.Select(c => new CurrentChoice(voteId, owner, c.MatterId, c.Choice, c.OptionId)));
        var action = meta.Channel == BallotChannel.Online
            ? (current is null ? AuditActions.BallotCast : AuditActions.BallotChanged)
            : AuditActions.BallotRecorded;
        await audit.AppendAsync(voteId, action, meta.By, new
        {
            owner,
            version,
            choices = choicesText,
            channel = meta.Channel.ToString().ToLowerInvariant(),
            receipt,
            flat = meta.FlatId,
            paper_date = meta.PaperDate?.ToString("yyyy-MM-dd"),
            reason = meta.Reason,
            authorisation = meta.AuthorisationReference,
        }, ct);
        await db.SaveChangesAsync(ct);
        return new CastReceipt(receipt, version);
    }

    /// <summary>
    /// Under <see cref="ChannelPrecedence.OnlinePrevails"/> (the default), the owners (or just <paramref name="only"/>) who
    /// voted online themselves: a paper, assisted, proxy or imported ballot for them is refused. Empty under latest-wins.
    /// </summary>
    public async Task<IReadOnlyList<long>> OwnersWhoseOnlineBallotPrevailsAsync(Vote vote, CancellationToken ct, long? only = null)
    {
        var rules = await db.RulesOfAsync(vote.CompoundId, ct);
        if (rules.Precedence != ChannelPrecedence.OnlinePrevails) return [];
        var voteId = vote.Id;
        var online = db.Set<BallotVersion>().Where(v => v.VoteId == voteId && v.Channel == BallotChannel.Online);
        if (only is { } owner) online = online.Where(v => v.OwnerOfRecordId == owner);
        return await online.Select(v => v.OwnerOfRecordId).Distinct().ToListAsync(ct);
    }

    /// <summary>Every matter needs an offered choice; an invalid ballot (无效票) is a paper's, never an online one.</summary>
    private async Task<IReadOnlyList<MatterChoice>> ValidateChoicesAsync(long voteId, IReadOnlyList<MatterChoice> choices, BallotChannel channel, CancellationToken ct)
    {
        var matters = await counter.MattersAsync(voteId, ct);
        var result = new List<MatterChoice>();
        foreach (var m in matters)
        {
            var c = choices.FirstOrDefault(x => x.MatterId == m.MatterId)
                    ?? throw new DomainException("ballot.choice_missing", "Every matter needs a choice.");
            var ok = c.Choice == Choice.Invalid ? channel != BallotChannel.Online : m.OptionIds.Count == 0
                ? c.Choice is Choice.Agree or Choice.Oppose or Choice.Abstain
                : c.Choice == Choice.Abstain || (c.Choice == Choice.Option && c.OptionId is { } o && m.OptionIds.Contains(o));
            if (!ok) throw new DomainException("ballot.choice_invalid", "That choice is not offered for this matter.");
            result.Add(c.Choice == Choice.Option ? c : c with { OptionId = null });
        }
        return result;
    }
}
