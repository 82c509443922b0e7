using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>Appends to a vote's hash chain, and re-checks the chain and the count from the log alone.</summary>
public sealed class VoteAuditLog(PortalDb db, TimeProvider clock, VoteCounter counter)
{
    /// <summary>
    /// Queues the caller's transaction behind the vote's other writers: on PostgreSQL it takes the vote's row lock, so
    /// ballots of one owner and entries of one chain are written one after another instead of colliding and retrying.
    /// SQLite's write transactions are exclusive already. Call it first in the transaction, before reading.
    /// </summary>
    public async Task QueueWritersAsync(long voteId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Vote\" WHERE \"Id\" = {voteId} FOR UPDATE", ct);
    }

    /// <summary>
    /// Inside the caller's write transaction: queues it behind the vote's other writers (the row lock on PostgreSQL; SQLite's
    /// write lock is taken by the same statement) and checks, under that lock, that the vote still takes online ballots,
    /// in one statement. Throws the domain error the ballot page shows otherwise.
    /// </summary>
    public async Task LockOpenVoteAsync(long voteId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = (int)VoteStatus.Open;
        var taking = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM \"Vote\" WHERE \"Id\" = {voteId} AND \"Status\" = {open} AND \"ClosesAt\" > {now} FOR UPDATE").ToListAsync(ct)
            : await db.Database.SqlQuery<int>($"UPDATE \"Vote\" SET \"Status\" = \"Status\" WHERE \"Id\" = {voteId} AND \"Status\" = {open} AND \"ClosesAt\" > {now.UtcTicks} RETURNING 1 AS \"Value\"").ToListAsync(ct);
        if (taking.Count == 0)
            throw new Portal.Domain.Shared.DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
    }

    /// <summary>Adds the next entry to the unit of work (the caller saves inside its transaction).</summary>
    public async Task<VoteAuditEntry> AppendAsync(long voteId, string action, string actor, object payload, CancellationToken ct = default)
    {
        var pending = db.ChangeTracker.Entries<VoteAuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.VoteId == voteId)
            .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        var last = pending ?? await db.Set<VoteAuditEntry>().AsNoTracking().Where(e => e.VoteId == voteId)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        var entry = new VoteAuditEntry(voteId, (last?.Sequence ?? 0) + 1, clock.GetUtcNow(), action, actor,
            JsonSerializer.Serialize(payload), last?.Hash ?? VoteAuditEntry.GenesisHash);
        db.Add(entry);
        return entry;
    }

    public sealed record Verification(bool ChainIntact, bool TallyMatches, int Entries, IReadOnlyList<string> Problems)
    {
        public bool Ok => ChainIntact && TallyMatches;
    }

    public async Task<Verification> VerifyAsync(long voteId, CancellationToken ct = default)
    {
        var entries = await db.Set<VoteAuditEntry>().AsNoTracking().Where(e => e.VoteId == voteId).OrderBy(e => e.Sequence).ToListAsync(ct);
        var problems = new List<string>();
        var previous = VoteAuditEntry.GenesisHash;
        var expected = 1;
        foreach (var e in entries)
        {
            if (e.Sequence != expected) problems.Add($"entry {e.Sequence}: expected sequence {expected}");
            if (e.PreviousHash != previous) problems.Add($"entry {e.Sequence}: previous hash does not match");
            if (e.ComputeHash() != e.Hash) problems.Add($"entry {e.Sequence}: hash does not match its content");
            previous = e.Hash;
            expected = e.Sequence + 1;
        }
        var chainIntact = problems.Count == 0;

        // Replay: the electorate from open/correction entries, each owner's last ballot (online while open, committee
        // entries also while counting, corrections after an objection). Every entry that records a count (closing,
        // sign-offs, the photo of the signed sheet, corrections, the final result) must equal the replay at that point.
        var matters = await counter.MattersAsync(voteId, ct);
        var electorate = new Dictionary<long, long>();
        var ballots = new Dictionary<long, IReadOnlyList<MatterChoice>>();
        var tallyMatches = true;
        List<MatterResult> Replay() => matters.Select(m => Tally.Decide(m, Tally.CountInMemory(m.MatterId, electorate, ballots),
            owner => electorate.ContainsKey(owner) && ballots.TryGetValue(owner, out var b) ? b.FirstOrDefault(c => c.MatterId == m.MatterId)?.Choice : null)).ToList();
        foreach (var e in entries)
        {
            JsonNode payload;
            try { payload = JsonNode.Parse(e.PayloadJson)!; if (payload is JsonObject read) _ = read.Count; }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                tallyMatches = false;
                problems.Add($"entry {e.Sequence} ({e.Action}): its content cannot be read");
                continue;
            }
            switch (e.Action)
            {
                case AuditActions.Open or AuditActions.Correction:
                    electorate = payload["members"]!.AsArray().ToDictionary(m => (long)m![0]!, m => (long)m![1]!);
                    break;
                case AuditActions.BallotCast or AuditActions.BallotChanged or AuditActions.BallotRecorded or AuditActions.CountCorrected:
                    ballots[(long)payload["owner"]!] = MatterChoice.Parse((string)payload["choices"]!);
                    break;
            }
            if (payload is JsonObject o && o["tally"] is { } recorded && !SameCount(recorded, Replay()))
            {
                tallyMatches = false;
                problems.Add($"entry {e.Sequence} ({e.Action}): the count it records differs from the count replayed from the log");
            }
        }

        var replayed = Replay();
        var stored = await counter.TallyAsync(voteId, ct);
        if (SummaryJson(replayed) != SummaryJson(stored))
        {
            tallyMatches = false;
            problems.Add("the count replayed from the log differs from the count of the ballots in the database");
        }
        return new Verification(chainIntact, tallyMatches, entries.Count, problems);
    }

    /// <summary>Whether a count recorded in the log equals <paramref name="replayed"/>; an unreadable record never does.</summary>
    private static bool SameCount(JsonNode recorded, IEnumerable<MatterResult> replayed)
    {
        try { return VoteAuditEntry.Canonical(recorded.ToJsonString()) == SummaryJson(replayed); }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) { return false; }
    }

    /// <summary>The count as recorded in the closing entry (canonical JSON).</summary>
    public static string SummaryJson(IEnumerable<MatterResult> results) =>
        VoteAuditEntry.Canonical(JsonSerializer.Serialize(Summary(results)));

    public static object Summary(IEnumerable<MatterResult> results) => results.Select(r => WithInvalid(r, new Dictionary<string, object?>
    {
        ["matter"] = r.MatterId,
        ["eligible"] = new[] { r.Eligible.Owners, r.Eligible.AreaCents },
        ["agree"] = new[] { r.Agree.Owners, r.Agree.AreaCents },
        ["oppose"] = new[] { r.Oppose.Owners, r.Oppose.AreaCents },
        ["abstain"] = new[] { r.Abstain.Owners, r.Abstain.AreaCents },
        ["options"] = r.Options.Select(o => new[] { o.OptionId, o.Agree.Owners, o.Agree.AreaCents }).ToArray(),
        ["quorum_met"] = r.QuorumMet,
        ["passed"] = r.Passed,
    })).ToList();

    /// <summary>Invalid ballots are in the summary only when there are any, so earlier closing entries still verify.</summary>
    private static Dictionary<string, object?> WithInvalid(MatterResult r, Dictionary<string, object?> summary)
    {
        if (r.Invalid.Owners > 0) summary["invalid"] = new[] { r.Invalid.Owners, r.Invalid.AreaCents };
        if (r.OccupiedNotAgreeing > 0) summary["occupied_not_agreeing"] = r.OccupiedNotAgreeing;
        return summary;
    }
}
