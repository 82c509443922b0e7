using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Features.Register;

namespace Portal.Features.Votes;

/// <summary>What committees and owners do with votes: open, cast, record, import, close, object, publish.</summary>
public sealed class VoteOperations(
    PortalDb db, TimeProvider clock, VoteAuditLog audit, VoteCounter counter, INotifier notifier,
    IEmailSender email, IBackgroundJobClient jobs, IStringLocalizer<VotesText> text, ILogger<VoteOperations> log,
    IEnumerable<IVoteFollowUp> followUps)
{
    public sealed record NewVote(long CompoundId, string CompoundCode, string Title, VoteRuleKind Rule, Scope Scope,
        DateTimeOffset? OpensAt, DateTimeOffset ClosesAt, int ObjectionPeriodDays = 7, int ReminderHoursBefore = 24,
        IReadOnlyList<string>? Options = null, CustomRule? Custom = null, long? ProposalId = null);

    public async Task<Vote> CreateAsync(NewVote input, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await CheckScopeAsync(input.CompoundId, input.Scope, ct);
        var opensAt = input.OpensAt is { } o && o > now ? o : now;
        var vote = new Vote(input.CompoundId, input.Title, input.Scope, opensAt, input.ClosesAt, input.ObjectionPeriodDays,
            input.ReminderHoursBefore, byUserId, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(vote);
        await db.SaveChangesAsync(ct);
        var matter = new Matter(vote.Id, 1, input.Title, input.Rule, input.ProposalId, input.Custom);
        db.Add(matter);
        await db.SaveChangesAsync(ct);
        var position = 1;
        foreach (var label in (input.Options ?? []).Where(l => !string.IsNullOrWhiteSpace(l)))
            db.Add(new MatterOption(matter.Id, position++, label));
        await db.SaveChangesAsync(ct);
        if (opensAt <= now)
            await OpenTrackedAsync(vote, input.CompoundCode, byUserId, ct);
        await tx.CommitAsync(ct);
        if (opensAt <= now) await FollowUpAsync(vote, final: false, ct);

        if (opensAt > now) jobs.Schedule<VoteJobs>(j => j.OpenAsync(vote.Id), opensAt);
        jobs.Schedule<VoteJobs>(j => j.CloseAsync(vote.Id), vote.ClosesAt);
        if (vote.ReminderHoursBefore > 0 && vote.ClosesAt.AddHours(-vote.ReminderHoursBefore) > opensAt)
            jobs.Schedule<VoteJobs>(j => j.RemindAsync(vote.Id), vote.ClosesAt.AddHours(-vote.ReminderHoursBefore));
        return vote;
    }

    private async Task CheckScopeAsync(long compoundId, Scope scope, CancellationToken ct)
    {
        if (scope.BuildingId is { } b && !await db.Set<Building>().AnyAsync(x => x.Id == b && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The building is not in this compound.");
        if (scope.EntranceId is { } e && !await db.Set<Entrance>().AnyAsync(x => x.Id == e && x.BuildingId == scope.BuildingId && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The entrance is not in this building.");
    }

    /// <summary>Opens a draft vote whose opening time has come (job), freezing its electorate.</summary>
    public async Task OpenAsync(long voteId, CancellationToken ct = default)
    {
        var vote = await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Draft) return;
        var code = await db.Set<Compound>().Where(c => c.Id == vote.CompoundId).Select(c => c.Code).FirstAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await OpenTrackedAsync(vote, code, "system", ct);
        try { await tx.CommitAsync(ct); }
        catch (DbUpdateConcurrencyException) { return; /* another server opened it */ }
        await FollowUpAsync(vote, final: false, ct);
    }

    /// <summary>Lets linked features react (proposals, funding); a failure there is logged, not thrown: the vote stands.</summary>
    private async Task FollowUpAsync(Vote vote, bool final, CancellationToken ct)
    {
        var matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == vote.Id).ToListAsync(ct);
        var passed = final ? (await counter.TallyAsync(vote.Id, ct)).ToDictionary(r => r.MatterId, r => r.Passed) : [];
        var outcomes = matters.Select(m => new MatterOutcome(m.Id, m.ProposalId, passed.GetValueOrDefault(m.Id))).ToList();
        foreach (var followUp in followUps)
        {
            try
            {
                if (final) await followUp.VoteFinalAsync(vote, outcomes, ct);
                else await followUp.VoteOpenedAsync(vote, outcomes, ct);
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning(ex, "Follow-up {FollowUp} of vote {VoteId} failed", followUp.GetType().Name, vote.Id);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task OpenTrackedAsync(Vote vote, string compoundCode, string actor, CancellationToken ct)
    {
        vote.Open(clock.GetUtcNow());
        var members = await FreezeElectorateAsync(vote, ct);
        var matters = await counter.MattersAsync(vote.Id, ct);
        await audit.AppendAsync(vote.Id, AuditActions.Open, actor, new
        {
            title = vote.Title,
            scope = new { kind = vote.ScopeKind.ToString(), building = vote.BuildingId, entrance = vote.EntranceId },
            closes_at = vote.ClosesAt.UtcTicks,
            matters = matters.Select(m => new { id = m.MatterId, rule = m.Rule.Kind.Code(), options = m.OptionIds }),
            members = members.Select(m => new[] { m.OwnerOfRecordId, m.AreaCents }),
        }, ct);
        notifier.Raise(NotificationKind.VoteOpened, vote.CompoundId, Audience.OwnersIn(vote.Scope), Link(compoundCode, vote.Id),
            new Dictionary<string, string> { ["title"] = vote.Title, ["closes_at"] = Shared.Shanghai.Format(vote.ClosesAt) });
        await db.SaveChangesAsync(ct);
    }

    private async Task<IReadOnlyList<(long OwnerOfRecordId, long AreaCents)>> FreezeElectorateAsync(Vote vote, CancellationToken ct)
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

    /// <summary>A logged correction: the electorate is taken again from the register as it stands now.</summary>
    public async Task CorrectElectorateAsync(long voteId, long compoundId, string reason, string byUserId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("vote.correction_reason_required", "A correction needs a reason.");
        await RetryAsync(async () =>
        {
            var vote = await VoteAsync(voteId, compoundId, ct);
            if (vote.Status != VoteStatus.Open)
                throw new DomainException("vote.not_open", "Only an open vote's electorate can be corrected.");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var members = await FreezeElectorateAsync(vote, ct);
            await audit.AppendAsync(voteId, AuditActions.Correction, byUserId, new
            {
                reason = reason.Trim(),
                members = members.Select(m => new[] { m.OwnerOfRecordId, m.AreaCents }),
            }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }, ct);
    }

    public async Task<Vote> VoteAsync(long voteId, long compoundId, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct);
        return vote ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
    }

    public sealed record CastReceipt(string ReceiptCode, int Version);

    /// <summary>The owners of record a user may vote for in this vote: linked as owner/co-owner to one of their flats in scope.</summary>
    public async Task<IReadOnlyList<long>> OwnersVotableByAsync(long voteId, string userId, CancellationToken ct = default) =>
        await (from l in db.Set<ResidentLink>()
               join f in db.Set<ElectorateFlat>() on l.FlatId equals f.FlatId
               where f.VoteId == voteId && l.UserId == userId && l.UnlinkedAt == null
                     && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
               select f.OwnerOfRecordId).Distinct().ToListAsync(ct);

    public async Task<CastReceipt> CastOnlineAsync(long voteId, long compoundId, string userId, long ownerOfRecordId,
        IReadOnlyList<MatterChoice> choices, CancellationToken ct = default)
    {
        if (!(await OwnersVotableByAsync(voteId, userId, ct)).Contains(ownerOfRecordId))
            throw new DomainException("ballot.not_your_flat", "Only an owner or co-owner of one of this owner's flats in scope can vote.");
        var receipt = await RetryAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var r = await ApplyBallotAsync(voteId, compoundId, ownerOfRecordId, choices,
                new BallotMeta(BallotChannel.Online, userId, null, null, null, null), ct);
            await tx.CommitAsync(ct);
            return r;
        }, ct);
        await SendReceiptAsync(voteId, userId, receipt, ct);
        return receipt;
    }

    private async Task SendReceiptAsync(long voteId, string userId, CastReceipt receipt, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstAsync(v => v.Id == voteId, ct);
        var address = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(address)) return;
        await email.SendAsync(new OutgoingEmail(address, text["Email_ReceiptSubject", vote.Title],
            text["Email_ReceiptBody", vote.Title, receipt.ReceiptCode, Shared.Shanghai.Format(vote.ClosesAt)], null, "vote.receipt"), ct);
    }

    public sealed record BallotMeta(BallotChannel Channel, string By, long? FlatId, DateOnly? PaperDate, string? Reason, string? AuthorisationReference);

    /// <summary>Records a paper or assisted ballot for a flat (the flat's owner of record votes).</summary>
    public async Task<CastReceipt> RecordPaperAsync(long voteId, long compoundId, long flatId, IReadOnlyList<MatterChoice> choices,
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
        return await RetryAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var r = await ApplyBallotAsync(voteId, compoundId, owner, choices, meta with { FlatId = flatId }, ct);
            await tx.CommitAsync(ct);
            return r;
        }, ct);
    }

    /// <summary>Writes one ballot inside the caller's transaction: history row, guarded current row, choices, audit.</summary>
    private async Task<CastReceipt> ApplyBallotAsync(long voteId, long compoundId, long owner, IReadOnlyList<MatterChoice> choices,
        BallotMeta meta, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId && v.CompoundId == compoundId, ct)
            ?? throw new DomainException("vote.not_found", "No such vote in this compound.");
        if (!vote.AcceptsBallotsAt(now))
            throw new DomainException("ballot.vote_not_open", "This vote is not open for ballots.");
        if (!await db.Set<ElectorateMember>().AnyAsync(m => m.VoteId == voteId && m.OwnerOfRecordId == owner, ct))
            throw new DomainException("ballot.not_in_electorate", "This owner is not in the vote's electorate.");
        var normalised = await ValidateChoicesAsync(voteId, choices, ct);

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
        if (meta.Channel == BallotChannel.Online)
        {
            // The receipt event is stored with the ballot itself (one write); the email goes out after commit.
            var code = await db.Set<Compound>().Where(c => c.Id == vote.CompoundId).Select(c => c.Code).FirstAsync(ct);
            notifier.Raise(NotificationKind.BallotReceipt, vote.CompoundId, Audience.Users(meta.By), Link(code, voteId),
                new Dictionary<string, string> { ["title"] = vote.Title, ["receipt_code"] = receipt });
        }
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

    private async Task<IReadOnlyList<MatterChoice>> ValidateChoicesAsync(long voteId, IReadOnlyList<MatterChoice> choices, CancellationToken ct)
    {
        var matters = await counter.MattersAsync(voteId, ct);
        var result = new List<MatterChoice>();
        foreach (var m in matters)
        {
            var c = choices.FirstOrDefault(x => x.MatterId == m.MatterId)
                    ?? throw new DomainException("ballot.choice_missing", "Every matter needs a choice.");
            var ok = m.OptionIds.Count == 0
                ? c.Choice is Choice.Agree or Choice.Oppose or Choice.Abstain
                : c.Choice == Choice.Abstain || (c.Choice == Choice.Option && c.OptionId is { } o && m.OptionIds.Contains(o));
            if (!ok) throw new DomainException("ballot.choice_invalid", "That choice is not offered for this matter.");
            result.Add(c.Choice == Choice.Option ? c : c with { OptionId = null });
        }
        return result;
    }

    private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(false);

    /// <summary>Validates the whole file first; records every ballot in one transaction only if no line has an error.</summary>
    public async Task<BallotImport.Outcome> ImportAsync(long voteId, long compoundId, Stream file, string fileName, string byUserId,
        CancellationToken ct = default)
    {
        var vote = await VoteAsync(voteId, compoundId, ct);
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
        if (!vote.AcceptsBallotsAt(clock.GetUtcNow()))
            return outcome with { Errors = [new BallotImport.Error(1, "Import_VoteNotOpen", [])] };

        await RetryAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var b in outcome.Ballots)
                await ApplyBallotAsync(voteId, compoundId, b.OwnerOfRecordId, matters.Select(m => new MatterChoice(m.MatterId, b.Choice)).ToList(),
                    new BallotMeta(BallotChannel.Import, byUserId, b.FlatId, DateOnly.FromDateTime(Shared.Shanghai.ToLocal(clock.GetUtcNow()).Date),
                        "import:" + Path.GetFileName(fileName), null), ct);
            await tx.CommitAsync(ct);
            return 0;
        }, ct);
        return outcome;
    }

    /// <summary>The closing job: exactly once (Status is a concurrency token), then the preliminary result.</summary>
    public async Task<bool> CloseAsync(long voteId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var vote = await db.Set<Vote>().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Open) return false;
        if (now < vote.ClosesAt)
        {
            jobs.Schedule<VoteJobs>(j => j.CloseAsync(voteId), vote.ClosesAt);
            return false;
        }
        var code = await db.Set<Compound>().Where(c => c.Id == vote.CompoundId).Select(c => c.Code).FirstAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            vote.Close(now);
            await db.SaveChangesAsync(ct); // UPDATE ... WHERE Status = Open: a second server gets a concurrency error here
            var results = await counter.TallyAsync(voteId, ct);
            await audit.AppendAsync(voteId, AuditActions.Close, "system", new { tally = Summary(results) }, ct);
            vote.PublishPreliminary(now);
            await audit.AppendAsync(voteId, AuditActions.PublishPreliminary, "system", new { objection_deadline = vote.ObjectionDeadline!.Value.UtcTicks }, ct);
            notifier.Raise(NotificationKind.VotePreliminaryResult, vote.CompoundId, Audience.OwnersIn(vote.Scope), Link(code, voteId) + "/result",
                new Dictionary<string, string> { ["title"] = vote.Title, ["objection_deadline"] = Shared.Shanghai.Format(vote.ObjectionDeadline!.Value) });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Lost the race to another server (fine), or the database failed (then the job must fail and be retried).
            db.ChangeTracker.Clear();
            var status = await db.Set<Vote>().Where(v => v.Id == voteId).Select(v => v.Status).FirstAsync(ct);
            if (status == VoteStatus.Open) throw;
            log.LogInformation("Vote {VoteId} was closed by another server", voteId);
            return false;
        }
    }

    private static object Summary(IReadOnlyList<MatterResult> results) => VoteAuditLog.Summary(results);

    public async Task RemindAsync(long voteId, CancellationToken ct = default)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null || vote.Status != VoteStatus.Open) return;
        var code = await db.Set<Compound>().Where(c => c.Id == vote.CompoundId).Select(c => c.Code).FirstAsync(ct);
        var link = Link(code, voteId);
        // Safe to run twice: one reminder event per vote.
        var already = await db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.VoteReminder && e.Link == link, ct);
        if (already) return;
        notifier.Raise(NotificationKind.VoteReminder, vote.CompoundId, Audience.NonVoters(voteId), link,
            new Dictionary<string, string> { ["title"] = vote.Title, ["closes_at"] = Shared.Shanghai.Format(vote.ClosesAt) });
        await db.SaveChangesAsync(ct);
    }

    public async Task FileObjectionAsync(long voteId, long compoundId, string userId, string objectionText, CancellationToken ct = default)
    {
        var vote = await VoteAsync(voteId, compoundId, ct);
        if (!vote.AcceptsObjectionsAt(clock.GetUtcNow()))
            throw new DomainException("objection.period_closed", "Objections are taken only during the objection period.");
        var code = await db.Set<Compound>().Where(c => c.Id == compoundId).Select(c => c.Code).FirstAsync(ct);
        await RetryAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var objection = new Objection(voteId, userId, objectionText, clock.GetUtcNow());
            db.Add(objection);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(voteId, AuditActions.ObjectionFiled, userId, new { objection = objection.Id, text = objection.Text }, ct);
            notifier.Raise(NotificationKind.ObjectionFiled, compoundId, Audience.WithRole(CompoundRoleKind.Committee), Link(code, voteId) + "/result",
                new Dictionary<string, string> { ["title"] = vote.Title });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }, ct);
    }

    public async Task AnswerObjectionAsync(long voteId, long compoundId, long objectionId, string answer, string byUserId, CancellationToken ct = default)
    {
        await VoteAsync(voteId, compoundId, ct);
        await RetryAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var objection = await db.Set<Objection>().FirstOrDefaultAsync(o => o.Id == objectionId && o.VoteId == voteId, ct)
                            ?? throw new DomainException("objection.not_found", "No such objection.");
            objection.AnswerWith(answer, byUserId, clock.GetUtcNow());
            await audit.AppendAsync(voteId, AuditActions.ObjectionAnswered, byUserId, new { objection = objection.Id, answer = objection.Answer }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return 0;
        }, ct);
    }

    public async Task PublishFinalAsync(long voteId, long compoundId, string byUserId, CancellationToken ct = default)
    {
        var vote = await VoteAsync(voteId, compoundId, ct);
        var unanswered = await db.Set<Objection>().CountAsync(o => o.VoteId == voteId && o.Answer == null, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == compoundId).Select(c => c.Code).FirstAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        vote.PublishFinal(clock.GetUtcNow(), unanswered);
        var results = await counter.TallyAsync(voteId, ct);
        await audit.AppendAsync(voteId, AuditActions.PublishFinal, byUserId, new { tally = Summary(results) }, ct);
        notifier.Raise(NotificationKind.VoteFinalResult, compoundId, Audience.OwnersIn(vote.Scope), Link(code, voteId) + "/result",
            new Dictionary<string, string> { ["title"] = vote.Title });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await FollowUpAsync(vote, final: true, ct);
    }

    public static string Link(string compoundCode, long voteId) => $"/c/{compoundCode}/votes/{voteId}";

    /// <summary>Retries a unit of work that lost a race (unique key, version guard, SQLite busy): the loser reads again.</summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception e) when (attempt < 40 && e is DbUpdateException or DbException or BallotConflictException)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 + attempt * 10), ct);
            }
        }
    }
}

/// <summary>Another submission for the same owner won the race; the loser retries with the new version.</summary>
public sealed class BallotConflictException() : Exception("The current ballot changed meanwhile.");
