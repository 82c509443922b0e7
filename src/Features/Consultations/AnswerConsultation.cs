using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Features.Consultations;

/// <summary>What a household answers: 同意 / 不同意 / 无所谓, why (optional) and the option it prefers (optional).</summary>
public sealed record ConsultationReply(ConsultationChoice Choice, string? Reason, string? PreferredOption);

public enum AnswerOutcome { Answered, Changed }

/// <summary>
/// A household answers a consultation, online by one of its residents or at the door through a building lead. One
/// answer per flat: a second one changes it, and every version is kept. Refusals (closed, not yet open, a flat outside
/// the scope, a tenant where tenants may not answer) are domain errors with their own message.
/// </summary>
public sealed class AnswerConsultation(PortalDb db, TimeProvider clock)
{
    /// <summary>A resident answers for <paramref name="flatId"/>, one of their flats.</summary>
    public Task<AnswerOutcome> AnswerAsync(Compound compound, long consultationId, long flatId, Membership membership, string userId,
        ConsultationReply reply, CancellationToken ct = default)
    {
        var tie = membership.Ties.FirstOrDefault(t => t.FlatId == flatId)
                  ?? throw new DomainException("consultation.not_your_flat", "A resident answers only for a flat they are linked to.");
        return SaveAsync(compound, consultationId, flatId, reply, c =>
        {
            if (!c.MayAnswerAs(tie.Relation))
                throw new DomainException(tie.Relation == ResidentRelation.Tenant ? "consultation.tenants_not_allowed" : "consultation.relation_not_allowed",
                    "This resident may not answer for the flat.");
        }, answeredBy: userId, assistedBy: null, ct);
    }

    /// <summary>A building lead (or a convener) records an answer given at the door, logged as assisted.</summary>
    public Task<AnswerOutcome> RecordAtDoorAsync(Compound compound, long consultationId, long flatId, Membership recorder, string recorderId,
        ConsultationReply reply, CancellationToken ct = default) =>
        SaveAsync(compound, consultationId, flatId, reply, _ => { }, answeredBy: null, assistedBy: recorderId, ct, recorder);

    private async Task<AnswerOutcome> SaveAsync(Compound compound, long consultationId, long flatId, ConsultationReply reply,
        Action<Consultation> mayAnswer, string? answeredBy, string? assistedBy, CancellationToken ct, Membership? recorder = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == consultationId && c.CompoundId == compound.Id, ct)
                               ?? throw new DomainException("consultation.not_found", "No such consultation.");
            var flat = await db.Set<Flat>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == flatId && f.CompoundId == compound.Id, ct)
                       ?? throw new DomainException("consultation.flat_outside_scope", "No such flat in this compound.");
            var now = clock.GetUtcNow();
            consultation.EnsureAcceptsAnswer(flat.BuildingId, flat.EntranceId, now);
            if (recorder is not null && !recorder.FollowsEntrance(flat.BuildingId, flat.EntranceId))
                throw new DomainException("consultation.not_your_entrance", "A building lead records answers in their own building or entrance.");
            mayAnswer(consultation);
            consultation.EnsureOptionKnown(reply.PreferredOption);

            var answer = await db.Set<ConsultationAnswer>().FirstOrDefaultAsync(a => a.ConsultationId == consultationId && a.FlatId == flatId, ct);
            var outcome = AnswerOutcome.Answered;
            if (answer is null)
            {
                answer = new ConsultationAnswer(consultationId, flatId, reply.Choice, reply.Reason, reply.PreferredOption, answeredBy, assistedBy, now);
                db.Add(answer);
            }
            else
            {
                answer.Change(reply.Choice, reply.Reason, reply.PreferredOption, answeredBy, assistedBy, now);
                outcome = AnswerOutcome.Changed;
            }
            db.Add(answer.Snapshot());
            try
            {
                await db.SaveChangesAsync(ct);
                return outcome;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another resident of the flat (or a double click) answered at the same moment: read again, then change it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
