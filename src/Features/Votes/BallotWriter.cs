using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Notifications;

namespace Portal.Features.Votes;

public sealed record CastReceipt(string ReceiptCode, int Version);

/// <summary>How a ballot reached the count, and who entered it (the owner's account online, else the committee member).</summary>
/// <remarks>
/// <see cref="ReceivedAt"/>: when a committee-entered ballot reached the committee (else the start of <see cref="PaperDate"/>,
/// Asia/Shanghai); during counting only ballots received at or before closing are entered. <see cref="PaperCode"/>: the
/// printed paper's code (纸质票编号), which becomes the owner's receipt.
/// </remarks>
public sealed record BallotMeta(BallotChannel Channel, string By, long? FlatId, DateOnly? PaperDate, string? Reason, string? AuthorisationReference,
    DateTimeOffset? ReceivedAt = null, string? PaperCode = null)
{
    public DateTimeOffset? Received => ReceivedAt ?? (PaperDate is { } d ? Shared.Shanghai.FromLocal(d.ToDateTime(TimeOnly.MinValue)) : null);
}

/// <summary>Another submission for the same owner won the race; the loser retries with the new version.</summary>
public sealed class BallotConflictException() : DbUpdateConcurrencyException("The current ballot changed meanwhile.");

/// <summary>
/// Writes ballots, whatever their channel (online, paper, imported): the history row, the owner's current ballot
/// (guarded by its version), the current choices and the audit entry. Runs inside the caller's transaction.
/// </summary>
public sealed class BallotWriter(PortalDb db, TimeProvider clock, VoteAuditLog audit, VoteCounter counter, Shared.CodeHasher hasher,
    VoteNotifications notifications, INotifier notifier, CastCombiner combiner)
{
    public const string PaperCodePurpose = "vote-paper";

    /// <summary>
    /// The vote, if it takes ballots now. Call it first in the transaction: it queues this writer behind the vote's
    /// other writers (see <see cref="VoteAuditLog.QueueWritersAsync"/>) before reading anything.
    /// </summary>
    /// <param name="committeeEntry">A paper, assisted, proxy or imported ballot: also taken during the counting window.</param>
    public async Task<Vote> VoteTakingBallotsAsync(long voteId, long compoundId, CancellationToken ct, bool committeeEntry = false)
    {
        await audit.QueueWritersAsync(voteId, ct);
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct)
            ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
        var now = clock.GetUtcNow();
        if (!(committeeEntry ? vote.AcceptsCommitteeEntryAt(now) : vote.AcceptsBallotsAt(now)))
            throw new DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
        return vote;
    }

    /// <summary>Records one owner's ballot in <paramref name="vote"/> (from <see cref="VoteTakingBallotsAsync"/>) and saves it.</summary>
    public async Task<CastReceipt> ApplyAsync(Vote vote, long owner, IReadOnlyList<MatterChoice> choices, BallotMeta meta, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var voteId = vote.Id;
        if (meta.Channel != BallotChannel.Online)
        {
            if (meta.Received is { } received && received > vote.ClosesAt)
                throw new DomainException("ballot.received_after_closing", "This ballot was received after the vote closed and cannot be counted.");
            if (meta.Received is { } future && future > now)
                throw new DomainException("ballot.received_in_future", "The date received is in the future.");
            if (vote.Status == VoteStatus.Counting && meta.Received is null)
                throw new DomainException("ballot.received_date_required", "During counting, a ballot needs the date it was received.");
        }
        if (!await db.Set<ElectorateMember>().AnyAsync(m => m.VoteId == voteId && m.OwnerOfRecordId == owner, ct))
            throw new DomainException("ballot.not_in_electorate", "This owner is not in the vote's electorate.");
        if (meta.Channel != BallotChannel.Online && (await OwnersWhoseOnlineBallotPrevailsAsync(vote, ct, owner)).Count > 0)
            throw new DomainException("ballot.online_ballot_prevails",
                "The owner voted online and the compound's rules let the online ballot prevail over a committee entry.");
        var normalised = await ValidateChoicesAsync(voteId, choices, meta.Channel, ct);

        var current = await db.Set<CurrentBallot>().AsNoTracking()
            .FirstOrDefaultAsync(b => b.VoteId == voteId && b.OwnerOfRecordId == owner, ct);
        var version = (current?.Version ?? 0) + 1;
        var receipt = meta.PaperCode is { } code ? await UsePaperCodeAsync(vote, owner, meta.FlatId, code, ct) : ReceiptCodes.New();
        var choicesText = MatterChoice.Format(normalised);
        var history = new BallotVersion(voteId, owner, version, choicesText, receipt, meta.Channel, now, meta.By, meta.FlatId,
            meta.PaperDate, meta.Reason?.Trim(), meta.AuthorisationReference?.Trim(),
            meta.Channel == BallotChannel.Online ? null : meta.Received);
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
            received_at = meta.Channel == BallotChannel.Online ? null : meta.Received?.UtcTicks,
        }, ct);
        if (current is not null && meta.Channel != BallotChannel.Online)
            await TellOwnerReplacedAsync(vote, owner, current.BallotVersionId, ct);
        await db.SaveChangesAsync(ct);
        return new CastReceipt(receipt, version);
    }

    /// <summary>A notification stored with an online ballot (the receipt, the co-owners' notice).</summary>
    public sealed record Notice(NotificationKind Kind, long? CompoundId, Audience Audience, string Link, IReadOnlyDictionary<string, string> Values);

    /// <summary>
    /// The writes of an owner's own online ballot, already checked by <see cref="CastBallot"/> (which read everything
    /// before): the vote's writer lock, which re-checks that the vote still takes ballots; the history row and the current
    /// ballot, one version on; the choices; the audit entry; and the <paramref name="notices"/> for this receipt code.
    /// The owner's current ballot is read under the lock, so submissions for one owner follow each other without colliding.
    /// On PostgreSQL all of it is one batch in one round trip (<see cref="CastSql"/>), so the vote's row lock is held for
    /// the server's work alone; on SQLite one short write transaction.
    /// </summary>
    public async Task<CastReceipt> CastOnlineAsync(Vote vote, long owner, IReadOnlyList<MatterChoice> normalised,
        string userId, Func<string, IReadOnlyList<Notice>> notices, CancellationToken ct)
    {
        var receipt = ReceiptCodes.New();
        var choicesText = MatterChoice.Format(normalised);
        // Whole microseconds, as the audit entry and every database keep them.
        var now = clock.GetUtcNow().ToUniversalTime();
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        if (db.Database.IsNpgsql())
            return await CastOnlinePostgresAsync(vote, owner, normalised, choicesText, receipt, userId, now, notices(receipt), ct);

        var voteId = vote.Id;
        // No savepoints around each SaveChanges: a failure rolls the whole transaction back anyway, and each savepoint is
        // two more round trips while the vote's writers wait.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.LockOpenVoteAsync(voteId, ct);
        var current = await db.Set<CurrentBallot>().AsNoTracking().Where(b => b.VoteId == voteId && b.OwnerOfRecordId == owner)
            .Select(b => new { b.Id, b.Version }).FirstOrDefaultAsync(ct);
        var version = (current?.Version ?? 0) + 1;
        var history = new BallotVersion(voteId, owner, version, choicesText, receipt, BallotChannel.Online, now, userId, null, null, null, null);
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
            await db.Set<CurrentChoice>().Where(c => c.VoteId == voteId && c.OwnerOfRecordId == owner).ExecuteDeleteAsync(ct);
        }
        db.AddRange(normalised.Select(c => new CurrentChoice(voteId, owner, c.MatterId, c.Choice, c.OptionId)));
        await audit.AppendAsync(voteId, current is null ? AuditActions.BallotCast : AuditActions.BallotChanged, userId,
            OnlinePayload(owner, version, choicesText, receipt), ct);
        foreach (var n in notices(receipt)) notifier.Raise(n.Kind, n.CompoundId, n.Audience, n.Link, n.Values);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CastReceipt(receipt, version);
    }

    /// <summary>The audit payload of an owner's own online ballot (the same keys as a committee entry's).</summary>
    private static object OnlinePayload(long owner, int version, string choicesText, string receipt) => new
    {
        owner,
        version,
        choices = choicesText,
        channel = BallotChannel.Online.ToString().ToLowerInvariant(),
        receipt,
        flat = (long?)null,
        paper_date = (string?)null,
        reason = (string?)null,
        authorisation = (string?)null,
        received_at = (long?)null,
    };

    private const string VersionLast = "\"version\":0}";

    /// <summary>
    /// See <see cref="CastSql"/>: one batch, no explicit transaction (a batch is one implicit transaction), shared with
    /// the other ballots of the vote that arrive meanwhile (<see cref="CastCombiner"/>).
    /// </summary>
    private async Task<CastReceipt> CastOnlinePostgresAsync(Vote vote, long owner, IReadOnlyList<MatterChoice> normalised, string choicesText,
        string receipt, string userId, DateTimeOffset now, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        var voteId = vote.Id;
        // The canonical payload sorts its keys, so the version comes last: the batch appends the version it wrote.
        var payload = VoteAuditEntry.Canonical(System.Text.Json.JsonSerializer.Serialize(OnlinePayload(owner, 0, choicesText, receipt)));
        if (!payload.EndsWith(VersionLast, StringComparison.Ordinal))
            throw new InvalidOperationException("The audit payload no longer ends with its version.");
        var payloadHead = payload[..^2];
        var actorAt = ",\"actor\":" + VoteAuditEntry.JsonString(userId) + ",\"at\":" + now.UtcTicks + ",\"payload\":";

        var write = new CastWrite(voteId, owner, choicesText, receipt, now, userId,
            normalised.Select(c => c.MatterId).ToArray(), normalised.Select(c => (int)c.Choice).ToArray(), normalised.Select(c => c.OptionId).ToArray(),
            payloadHead, actorAt,
            notices.Select(n => new CastWrite.StoredNotice((int)n.Kind, n.CompoundId, System.Text.Json.JsonSerializer.Serialize(n.Audience), n.Link,
                System.Text.Json.JsonSerializer.Serialize(n.Values))).ToList());
        var written = await combiner.WriteAsync(db.Database.GetConnectionString()!, write).WaitAsync(ct);
        // The combiner enqueued one fan-out job for the receipts of the whole batch.
        return new CastReceipt(receipt, written.Version);
    }

    /// <summary>Under latest-wins, a committee entry replaced the owner's own online ballot: their accounts are told.</summary>
    private async Task TellOwnerReplacedAsync(Vote vote, long owner, long replacedVersionId, CancellationToken ct)
    {
        var wasOnline = await db.Set<BallotVersion>().AnyAsync(v => v.Id == replacedVersionId && v.Channel == BallotChannel.Online, ct);
        if (!wasOnline) return;
        var voteId = vote.Id;
        var users = await (from f in db.Set<ElectorateFlat>()
                           where f.VoteId == voteId && f.OwnerOfRecordId == owner
                           join l in db.Set<Domain.Residents.ResidentLink>() on f.FlatId equals l.FlatId
                           where l.UnlinkedAt == null && (l.Relation == Domain.Residents.ResidentRelation.Owner || l.Relation == Domain.Residents.ResidentRelation.CoOwner)
                           select l.UserId).Distinct().ToArrayAsync(ct);
        if (users.Length > 0)
            await notifications.RaiseAsync(Notifications.NotificationKind.VoteBallotReplaced, vote, Notifications.Audience.Users(users), ct: ct);
    }

    /// <summary>Hash of a paper code as kept in <see cref="BallotPaper.CodeHash"/> (keyed HMAC; the code itself is never stored).</summary>
    public Task<string> PaperCodeHashAsync(long voteId, string code, CancellationToken ct) =>
        hasher.HashAsync(PaperCodePurpose, $"{voteId}:{PaperCodes.Normalise(code)}", ct);

    /// <summary>
    /// Makes sure the code hasher's key exists before a transaction starts (on SQLite the hasher's own connection would
    /// otherwise wait for the caller's write lock).
    /// </summary>
    public Task WarmPaperCodesAsync(CancellationToken ct) => hasher.HashAsync(PaperCodePurpose, "warm-up", ct);

    /// <summary>For an import's line: the text key of what is wrong with the code (unknown, used, another flat's), or null.</summary>
    public async Task<string?> PaperCodeProblemAsync(long voteId, long owner, long flatId, string code, CancellationToken ct)
    {
        var hash = await PaperCodeHashAsync(voteId, code, ct);
        var paper = await db.Set<BallotPaper>().AsNoTracking().FirstOrDefaultAsync(p => p.VoteId == voteId && p.CodeHash == hash, ct);
        if (paper is null) return "Import_CodeUnknown";
        if (paper.UsedAt is not null) return "Import_CodeUsed";
        return paper.FlatId == flatId ? null : "Import_CodeOtherFlat";
    }

    /// <summary>
    /// 纸质票编号: the code must name an unused paper of this vote issued for this flat; it becomes the owner's receipt.
    /// </summary>
    private async Task<string> UsePaperCodeAsync(Vote vote, long owner, long? flatId, string code, CancellationToken ct)
    {
        var normalised = PaperCodes.Normalise(code);
        var hash = await PaperCodeHashAsync(vote.Id, normalised, ct);
        var voteId = vote.Id;
        var paper = await db.Set<BallotPaper>().FirstOrDefaultAsync(p => p.VoteId == voteId && p.CodeHash == hash, ct)
            ?? throw new DomainException("paper.code_unknown", "No ballot paper of this vote has that code.");
        if (paper.UsedAt is not null)
            throw new DomainException("paper.code_used", "This paper code has been used.");
        if (paper.FlatId != flatId && !(flatId is null && paper.OwnerOfRecordId == owner))
            throw new DomainException("paper.code_other_flat", "This paper code belongs to another flat.");
        paper.Use(clock.GetUtcNow());
        return normalised;
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
    public async Task<IReadOnlyList<MatterChoice>> ValidateChoicesAsync(long voteId, IReadOnlyList<MatterChoice> choices, BallotChannel channel, CancellationToken ct) =>
        ValidateChoices(await counter.MattersAsync(voteId, ct), choices, channel);

    /// <summary><see cref="ValidateChoicesAsync"/> against matters already read.</summary>
    public static IReadOnlyList<MatterChoice> ValidateChoices(IReadOnlyList<MatterSpec> matters, IReadOnlyList<MatterChoice> choices, BallotChannel channel)
    {
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
