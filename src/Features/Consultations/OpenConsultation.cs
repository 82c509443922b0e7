using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Consultations;

/// <summary>What a convener fills in to open a consultation.</summary>
public sealed record ConsultationDraft(ConsultationKind Kind, string Title, string Question, Scope Scope, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, bool TenantsMayAnswer, IReadOnlyList<string> Options, long? PlanItemId);

/// <summary>
/// A member whose role may convene consultations (the page checks ConveneConsultations) opens one; the residents in
/// its scope are told.
/// </summary>
public sealed class OpenConsultation(PortalDb db, INotifier notifier, TimeProvider clock)
{
    public async Task<Consultation> OpenAsync(Compound compound, ConsultationDraft draft, string byUserId, CancellationToken ct = default)
    {
        if (draft.PlanItemId is { } itemId && !await db.Set<PlanItem>().AnyAsync(i => i.Id == itemId && i.CompoundId == compound.Id, ct))
            throw new DomainException("consultation.plan_unknown", "No such plan item in this compound.");
        var consultation = new Consultation(compound.Id, draft.Kind, draft.Title, draft.Question, draft.Scope, draft.OpensAt, draft.ClosesAt,
            draft.TenantsMayAnswer, draft.Options, draft.PlanItemId, byUserId, clock.GetUtcNow());
        if (draft.Kind == ConsultationKind.Plan)
        {
            // 方案征询 asks about a concrete plan: the latest published version of the item's plan.
            var version = await db.Set<PlanVersion>().Where(v => v.PlanItemId == draft.PlanItemId).OrderByDescending(v => v.Number)
                .Select(v => (long?)v.Id).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("consultation.plan_not_published", "A plan consultation needs a published version of the plan.");
            consultation.HoldOn(version);
        }
        db.Add(consultation);
        await db.SaveChangesAsync(ct);
        notifier.Raise(NotificationKind.ConsultationOpened, compound.Id, Audience.ResidentsIn(consultation.Scope),
            ConsultationLinks.Of(compound, consultation.Id),
            new Dictionary<string, string> { ["title"] = consultation.Title, ["closes"] = Shanghai.Format(consultation.ClosesAt) });
        await db.SaveChangesAsync(ct);
        return consultation;
    }
}

public static class ConsultationLinks
{
    public static string Of(Compound compound, long consultationId) => $"/c/{compound.Code}/consultations/{consultationId}";
}
