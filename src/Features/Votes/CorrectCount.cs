using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>
/// The committee upholds an objection by correcting the count: a paper, assisted, proxy or imported ballot that was
/// mis-entered (or a paper ballot received before closing that was left out) is set to what the paper says, with the
/// evidence. The correction is logged with the recomputed count, the objection is answered, and a new preliminary
/// result is published with a new objection period. An owner's own online ballot is never corrected by the committee.
/// </summary>
public sealed class CorrectCount(PortalDb db, TimeProvider clock, BallotWriter writer, VoteCounter counter, VoteAuditLog audit,
    VoteNotifications notifications)
{
    public sealed record Correction(long ObjectionId, long FlatId, IReadOnlyList<MatterChoice> Choices, string Evidence, string Answer);

    public async Task<CountCorrection> RunAsync(long voteId, long compoundId, Correction input, string byUserId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Evidence))
            throw new DomainException("correction.evidence_required", "A correction needs its evidence.");
        if (string.IsNullOrWhiteSpace(input.Answer))
            throw new DomainException("objection.answer_required", "An answer needs a text.");
        await db.VoteInCompoundAsync(voteId, compoundId, ct);
        var owner = await db.Set<ElectorateFlat>().Where(f => f.VoteId == voteId && f.FlatId == input.FlatId)
            .Select(f => (long?)f.OwnerOfRecordId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("ballot.flat_outside_scope", "This flat is not in the vote's scope.");
        return await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
            if (vote.Status != VoteStatus.Preliminary)
                throw new DomainException("vote.not_preliminary", "Only a preliminary result can be corrected.");
            var objection = await db.Set<Objection>().FirstOrDefaultAsync(o => o.Id == input.ObjectionId && o.VoteId == voteId, ct)
                            ?? throw new DomainException("objection.not_found", "No such objection.");
            if (objection.Answer is not null)
                throw new DomainException("objection.already_answered", "This objection has been answered.");
            var choices = await writer.ValidateChoicesAsync(voteId, input.Choices, BallotChannel.Paper, ct);
            var now = clock.GetUtcNow();

            var current = await db.Set<CurrentBallot>().FirstOrDefaultAsync(b => b.VoteId == voteId && b.OwnerOfRecordId == owner, ct);
            var previous = current is null ? null : await db.Set<BallotVersion>().AsNoTracking().FirstAsync(v => v.Id == current.BallotVersionId, ct);
            if (previous?.Channel == BallotChannel.Online)
                throw new DomainException("correction.online_ballot", "The owner's own online ballot cannot be corrected by the committee.");
            var after = MatterChoice.Format(choices);
            if (previous?.ChoicesText == after)
                throw new DomainException("correction.no_change", "The corrected ballot is the same as the one counted.");
            var version = (current?.Version ?? 0) + 1;
            var receipt = current?.ReceiptCode ?? ReceiptCodes.New();
            var history = new BallotVersion(voteId, owner, version, after, receipt, previous?.Channel ?? BallotChannel.Paper, now, byUserId,
                input.FlatId, previous?.PaperDate, "correction: " + input.Evidence.Trim(), previous?.AuthorisationReference, previous?.ReceivedAt);
            db.Add(history);
            await db.SaveChangesAsync(ct);
            if (current is null)
                db.Add(new CurrentBallot(voteId, owner, version, receipt, history.Id, now));
            else
                await db.Set<CurrentBallot>().Where(b => b.Id == current.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Version, version).SetProperty(b => b.BallotVersionId, history.Id), ct);
            await db.Set<CurrentChoice>().Where(c => c.VoteId == voteId && c.OwnerOfRecordId == owner).ExecuteDeleteAsync(ct);
            db.AddRange(choices.Select(c => new CurrentChoice(voteId, owner, c.MatterId, c.Choice, c.OptionId)));
            var correction = new CountCorrection(voteId, objection.Id, owner, input.FlatId, previous?.ChoicesText ?? "", after, input.Evidence, byUserId, now);
            db.Add(correction);
            await db.SaveChangesAsync(ct);

            var results = await counter.TallyAsync(voteId, ct);
            await audit.AppendAsync(voteId, AuditActions.CountCorrected, byUserId, new
            {
                correction = correction.Id,
                objection = objection.Id,
                owner,
                flat = input.FlatId,
                version,
                before = previous?.ChoicesText,
                choices = after,
                evidence = correction.Evidence,
                tally = VoteAuditLog.Summary(results),
            }, ct);
            objection.AnswerWithCorrection(input.Answer, correction.Id, byUserId, now);
            await audit.AppendAsync(voteId, AuditActions.ObjectionAnswered, byUserId,
                new { objection = objection.Id, answer = objection.Answer, correction = correction.Id }, ct);
            vote.RepublishPreliminary(now);
            await audit.AppendAsync(voteId, AuditActions.PublishPreliminary, byUserId,
                new { round = vote.PreliminaryRound, objection_deadline = vote.ObjectionDeadline!.Value.UtcTicks }, ct);
            await notifications.RaiseAsync(NotificationKind.VotePreliminaryResult, vote, Audience.OwnersIn(vote.Scope),
                new Dictionary<string, string> { ["objection_deadline"] = Shanghai.Format(vote.ObjectionDeadline!.Value) }, "/result", ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return correction;
        }, ct);
    }
}
