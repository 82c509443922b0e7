using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Features.Consultations;
using Portal.Domain.Residents;
using Portal.Features.Accounts;

namespace Portal.Pages.Consultations;

/// <summary>The compound's consultations (征询), newest first: open ones, then closed ones.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db, TimeProvider clock) : CompoundPageModel
{
    public List<Consultation> Consultations { get; private set; } = [];
    public ConsultationScopes Scopes { get; private set; } = null!;
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scopes = await ConsultationScopes.LoadAsync(db, Compound.Id, ct);
        Consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.CompoundId == Compound.Id).OrderByDescending(c => c.Id).Take(100).ToListAsync(ct);
    }
}
