using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Residents;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>The compound's renovation plan (改造计划) in the three national categories.</summary>
[Requires(Capability.ViewCompound)]
public class PlanModel(PortalDb db, ProposalOperations operations) : CompoundPageModel
{
    public List<PlanItem> Items { get; private set; } = [];
    public ScopeNames Names { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Names = await operations.ScopeNamesAsync(Compound.Id, ct);
        Items = await db.Set<PlanItem>().AsNoTracking().Where(i => i.CompoundId == Compound.Id)
            .OrderBy(i => i.Category).ThenBy(i => i.Id).ToListAsync(ct);
    }
}
