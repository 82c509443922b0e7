using Hangfire;
using Npgsql;
using Portal.Notifications;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>
/// One owner's online ballot, ready to be written by <see cref="CastSql"/>: everything is computed before the write, so
/// the batch holds the vote's lock only for the statements.
/// </summary>
internal sealed record CastWrite(long VoteId, long Owner, string ChoicesText, string Receipt, DateTimeOffset Now, string UserId,
    long[] MatterIds, int[] Choices, long?[] OptionIds, string PayloadHead, string ActorAt, IReadOnlyList<CastWrite.StoredNotice> Notices)
{
    public sealed record StoredNotice(int Kind, long? CompoundId, string AudienceJson, string Link, string ValuesJson);
}

/// <summary>What the batch wrote for one ballot: its version, and the notifications to fan out.</summary>
internal sealed record CastWritten(int Version, IReadOnlyList<long> NotificationIds);

/// <summary>
/// Group commit for online ballots on PostgreSQL. Every ballot of a vote is written under the vote's row lock (the audit
/// chain takes one entry after another), so ballots of one vote commit one after the other and each waits for the
/// previous one's WAL flush. On each node, ballots of the same vote that arrive while a batch is being written wait for
/// it and then go together: one transaction, one lock, one flush for all of them, each ballot's statements conditional
/// on its own as before. The first caller to find no batch running writes the batches (its own included) until no ballot
/// is waiting, then returns; the others wait for their result. When a combined batch fails, its ballots are written one
/// by one, so one bad ballot fails alone.
/// </summary>
public sealed class CastCombiner(IBackgroundJobClient jobs, ILogger<CastCombiner> log)
{
    /// <summary>At most this many ballots in one transaction (about 4 statements each).</summary>
    public const int MaxBatch = 50;

    private sealed class Pending(CastWrite write)
    {
        public CastWrite Write { get; } = write;
        public TaskCompletionSource<CastWritten> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class VoteQueue
    {
        public readonly Queue<Pending> Waiting = new();
        public bool Writing;
        public int InBatch;
    }

    private readonly Dictionary<long, VoteQueue> _queues = new();

    /// <summary>Largest number of ballots written in one transaction so far (for the bench and tests).</summary>
    public int LargestBatch { get; private set; }

    /// <summary>Ballots of the vote waiting for the batch being written to finish.</summary>
    public int Waiting(long voteId)
    {
        lock (_queues) return _queues.TryGetValue(voteId, out var q) ? q.Waiting.Count : 0;
    }

    /// <summary>Ballots of the vote not written yet: waiting, or in the batch being written.</summary>
    public int Unwritten(long voteId)
    {
        lock (_queues) return _queues.TryGetValue(voteId, out var q) ? q.Waiting.Count + q.InBatch : 0;
    }

    internal Task<CastWritten> WriteAsync(string connectionString, CastWrite write)
    {
        var mine = new Pending(write);
        VoteQueue queue;
        bool lead;
        lock (_queues)
        {
            if (!_queues.TryGetValue(write.VoteId, out queue!)) _queues[write.VoteId] = queue = new VoteQueue();
            queue.Waiting.Enqueue(mine);
            lead = !queue.Writing;
            queue.Writing = true;
        }
        // The writer runs on its own, not in this request: it writes others' ballots too, to the end whatever happens
        // to this request, and a request is not kept waiting for ballots that came after its own.
        if (lead) _ = Task.Run(() => DrainAsync(connectionString, write.VoteId, queue));
        return mine.Done.Task;
    }

    private async Task DrainAsync(string connectionString, long voteId, VoteQueue queue)
    {
        while (true)
        {
            List<Pending> batch;
            lock (_queues)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Writing = false;
                    _queues.Remove(voteId);
                    return;
                }
                batch = [];
                while (batch.Count < MaxBatch && queue.Waiting.TryDequeue(out var next)) batch.Add(next);
                queue.InBatch = batch.Count;
            }
            try
            {
                await WriteBatchAsync(connectionString, batch);
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Done.TrySetException(e);
            }
            lock (_queues) queue.InBatch = 0;
        }
    }

    private async Task WriteBatchAsync(string connectionString, List<Pending> batch)
    {
        if (batch.Count > LargestBatch) LargestBatch = batch.Count;
        try
        {
            var written = await ExecuteAsync(connectionString, batch.Select(p => p.Write).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                if (written[i] is { } w) batch[i].Done.TrySetResult(w);
                else batch[i].Done.TrySetException(new BallotConflictException());
            }
            // Off the vote's writing path: the next batch does not wait for the job storage.
            _ = Task.Run(() => FanOut(written));
        }
        catch (Exception e) when (batch.Count > 1 && e is not DomainException)
        {
            log.LogWarning(e, "A batch of {Count} ballots for vote #{Vote} failed; writing them one by one", batch.Count, batch[0].Write.VoteId);
            foreach (var p in batch) await WriteBatchAsync(connectionString, [p]);
        }
        catch (Exception e)
        {
            foreach (var p in batch) p.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// One fan-out job for the receipts of the whole batch, not one per ballot: a job's own bookkeeping costs about as
    /// much as the ballot. Should the enqueue fail, the ballots stand and the sweeper fans their events out later.
    /// </summary>
    private void FanOut(CastWritten?[] written)
    {
        var ids = written.Where(w => w is not null).SelectMany(w => w!.NotificationIds).ToArray();
        if (ids.Length == 0) return;
        try
        {
            jobs.Enqueue<FanOutJob>(job => job.RunManyAsync(ids, CancellationToken.None));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not enqueue the fan-out of {Count} ballot notifications; the sweeper will send them", ids.Length);
        }
    }

    /// <summary>
    /// One batch, one implicit transaction: the vote's lock, then per ballot its history row and current ballot, its
    /// choices, its audit entry and its notifications. Null for a ballot the batch did not write.
    /// </summary>
    private static async Task<CastWritten?[]> ExecuteAsync(string connectionString, IReadOnlyList<CastWrite> writes)
    {
        var open = (int)VoteStatus.Open;
        var first = writes[0];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(CastSql.Lock, first.VoteId, open, writes.Max(w => w.Now)));
        foreach (var w in writes)
        {
            batch.BatchCommands.Add(Command(CastSql.Ballot, w.VoteId, w.Owner, w.ChoicesText, w.Receipt, (int)BallotChannel.Online, w.Now, w.UserId, open));
            batch.BatchCommands.Add(Command(CastSql.Choices, w.VoteId, w.Owner, w.Receipt, w.MatterIds, w.Choices, w.OptionIds));
            batch.BatchCommands.Add(Command(CastSql.Audit, w.VoteId, w.Owner, w.Receipt, w.Now, w.UserId, w.PayloadHead, w.ActorAt,
                VoteAuditEntry.GenesisHash, AuditActions.BallotCast, AuditActions.BallotChanged));
            foreach (var n in w.Notices)
                batch.BatchCommands.Add(Command(CastSql.Notice, n.Kind, (object?)n.CompoundId ?? DBNull.Value, n.AudienceJson, n.Link, n.ValuesJson,
                    w.Now, w.VoteId, w.Owner, w.Receipt));
        }

        var results = new CastWritten?[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
        for (var i = 0; i < writes.Count; i++)
        {
            await reader.NextResultAsync();
            int? version = await reader.ReadAsync() ? reader.GetInt32(0) : null;
            await reader.NextResultAsync(); // choices
            await reader.NextResultAsync(); // audit entry
            if (version is not null && !await reader.ReadAsync()) throw new InvalidOperationException("The ballot's audit entry was not written.");
            var ids = new List<long>();
            foreach (var _ in writes[i].Notices)
            {
                await reader.NextResultAsync();
                if (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
            }
            results[i] = version is { } v ? new CastWritten(v, ids) : null;
        }
        return results;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return command;
    }
}
