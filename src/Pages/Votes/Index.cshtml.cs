using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Votes;

using Portal.Features.Votes;

namespace Portal.Pages.Votes;

/// <summary>The compound's votes, newest first.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db) : CompoundPageModel
{
    public List<Vote> Votes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Votes = await db.Set<Vote>().AsNoTracking().Where(v => v.CompoundId == Compound.Id)
            .OrderByDescending(v => v.Id).ToListAsync(ct);
}
