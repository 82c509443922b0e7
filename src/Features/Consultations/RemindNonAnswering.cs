using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.Shared;
using Portal.Notifications;

namespace Portal.Features.Consultations;

/// <summary>
/// The convener reminds the households that have not answered (through the usual inbox and email fan-out): the
/// accounts that may answer for each such flat. At most once in twelve hours; returns how many accounts were told.
/// </summary>
public sealed class RemindNonAnswering(PortalDb db, ConsultationResults results, INotifier notifier, TimeProvider clock)
{
    public async Task<int> RemindAsync(Compound compound, long consultationId, CancellationToken ct = default)
    {
        var consultation = await db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == consultationId && c.CompoundId == compound.Id, ct)
                           ?? throw new DomainException("consultation.not_found", "No such consultation.");
        consultation.RecordReminder(clock.GetUtcNow());
        var users = await results.ResidentsToRemindAsync(consultation, ct);
        if (users.Count > 0)
            notifier.Raise(NotificationKind.ConsultationReminder, compound.Id, Audience.Users([.. users]), ConsultationLinks.Of(compound, consultation.Id),
                new Dictionary<string, string> { ["title"] = consultation.Title, ["closes"] = Shanghai.Format(consultation.ClosesAt) });
        await db.SaveChangesAsync(ct);
        return users.Count;
    }
}
