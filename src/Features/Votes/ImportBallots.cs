using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Votes;
using Portal.Features.Shared;

using Portal.Features.Register;

namespace Portal.Features.Votes;

/// <summary>The committee records a file of paper ballots (building, entrance, room, choice).</summary>
public sealed class ImportBallots(PortalDb db, BallotWriter writer, VoteCounter counter, TimeProvider clock)
{
    /// <summary>Validates the whole file first; records every ballot in one transaction only if no line has an error.</summary>
    public async Task<BallotImport.Outcome> RunAsync(long voteId, long compoundId, Stream file, string fileName, string byUserId,
        CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        IReadOnlyList<BallotImport.Row> rows;
        try { rows = BallotImport.Read(file, fileName); }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            return new BallotImport.Outcome([new BallotImport.Error(1, "Import_Unreadable", [])], []);
        }
        var matters = await counter.MattersAsync(voteId, ct);
        var places = await db.NamedFlats().Where(f => f.Flat.CompoundId == compoundId)
            .Select(f => new BallotImport.Place(f.Building, f.Entrance, f.Flat.Room, f.Flat.Id)).ToListAsync(ct);
        var inScope = (await db.Set<ElectorateFlat>().Where(f => f.VoteId == voteId).Select(f => new { f.FlatId, f.OwnerOfRecordId }).ToListAsync(ct))
            .ToDictionary(f => f.FlatId, f => f.OwnerOfRecordId);
        var outcome = BallotImport.Check(rows, places, inScope, optionMatters: matters.Any(m => m.OptionIds.Count > 0));
        if (outcome.Errors.Count > 0) return outcome;
        var now = clock.GetUtcNow();
        if (!vote.AcceptsCommitteeEntryAt(now))
            return outcome with { Errors = [new BallotImport.Error(1, "Import_VoteNotOpen", [])] };
        if (vote.Status == VoteStatus.Counting)
        {
            // After closing only ballots received at or before the closing time count: each line must say when.
            var undated = outcome.Ballots.Where(b => b.ReceivedAt is null)
                .Select(b => new BallotImport.Error(b.Line, "Import_ReceivedAtRequired", [b.Label])).OrderBy(e => e.Line).ToList();
            if (undated.Count > 0) return outcome with { Errors = undated, Ballots = [] };
        }
        var late = outcome.Ballots.Where(b => b.ReceivedAt is { } at && (at > vote.ClosesAt || at > now))
            .Select(b => new BallotImport.Error(b.Line, b.ReceivedAt > vote.ClosesAt ? "Import_ReceivedAfterClosing" : "Import_ReceivedInFuture", [b.Label]))
            .OrderBy(e => e.Line).ToList();
        if (late.Count > 0) return outcome with { Errors = late, Ballots = [] };
        var votedOnline = (await writer.OwnersWhoseOnlineBallotPrevailsAsync(vote, ct)).ToHashSet();
        var prevailing = outcome.Ballots.Where(b => votedOnline.Contains(b.OwnerOfRecordId))
            .Select(b => new BallotImport.Error(b.Line, "Import_OnlinePrevails", [b.Label])).OrderBy(e => e.Line).ToList();
        if (prevailing.Count > 0) return outcome with { Errors = prevailing, Ballots = [] };
        var badCodes = new List<BallotImport.Error>();
        foreach (var b in outcome.Ballots.Where(b => b.Code is not null).OrderBy(b => b.Line))
            if (await writer.PaperCodeProblemAsync(vote.Id, b.OwnerOfRecordId, b.FlatId, b.Code!, ct) is { } problem)
                badCodes.Add(new BallotImport.Error(b.Line, problem, [b.Label]));
        if (badCodes.Count > 0) return outcome with { Errors = badCodes, Ballots = [] };

        var paperDate = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var reason = "import:" + Path.GetFileName(fileName);
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var taking = await writer.VoteTakingBallotsAsync(voteId, compoundId, ct, committeeEntry: true);
            foreach (var b in outcome.Ballots)
                await writer.ApplyAsync(taking, b.OwnerOfRecordId, matters.Select(m => new MatterChoice(m.MatterId, b.Choice)).ToList(),
                    new BallotMeta(b.Channel, byUserId, b.FlatId,
                        b.ReceivedAt is { } at ? DateOnly.FromDateTime(Shanghai.ToLocal(at).Date) : paperDate, reason, b.Reference,
                        b.ReceivedAt ?? now, b.Code), ct);
            await tx.CommitAsync(ct);
        }, ct);
        return outcome;
    }
}
