using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>The committee's desk: proposals waiting for review, and those still collecting support.</summary>
[Requires(Capability.ReviewProposals)]
public class ReviewModel(PortalDb db) : CompoundPageModel
{
    public List<Proposal> UnderReview { get; private set; } = [];
    public List<Proposal> Collecting { get; private set; } = [];
    public List<Proposal> Accepted { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = db.Set<Proposal>().AsNoTracking().Where(p => p.CompoundId == Compound.Id);
        UnderReview = await all.Where(p => p.Status == ProposalStatus.UnderReview).OrderBy(p => p.StatusChangedAt).ToListAsync(ct);
        Collecting = await all.Where(p => p.Status == ProposalStatus.Published).OrderByDescending(p => p.SupportCount).ToListAsync(ct);
        Accepted = await all.Where(p => p.Status >= ProposalStatus.AcceptedToVote && p.Status != ProposalStatus.Merged && p.Status != ProposalStatus.Declined
                                        && p.Status != ProposalStatus.Rejected && p.Status != ProposalStatus.Completed)
            .OrderByDescending(p => p.StatusChangedAt).ToListAsync(ct);
    }
}
