using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>What I proposed, supported and commented on in this compound.</summary>
[Requires(Capability.Participate)]
public class MineModel(PortalDb db) : CompoundPageModel
{
    public List<Proposal> Proposed { get; private set; } = [];
    public List<Proposal> Supported { get; private set; } = [];
    public List<Proposal> Commented { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = CurrentUserId!;
        var mine = db.Set<Proposal>().AsNoTracking().Where(p => p.CompoundId == Compound.Id);
        Proposed = await mine.Where(p => p.AuthorId == me).OrderByDescending(p => p.Id).ToListAsync(ct);
        Supported = await mine.Where(p => db.Set<ProposalSupport>().Any(s => s.ProposalId == p.Id && s.UserId == me))
            .OrderByDescending(p => p.Id).ToListAsync(ct);
        Commented = await mine.Where(p => p.Status != ProposalStatus.Draft && db.Set<ProposalComment>().Any(c => c.ProposalId == p.Id && c.AuthorId == me))
            .OrderByDescending(p => p.Id).ToListAsync(ct);
    }
}
