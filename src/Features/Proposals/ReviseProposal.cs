using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Features.Proposals;

/// <summary>The author edits their draft before publishing it: text, category, scope (where they live), cost.</summary>
public sealed class ReviseProposal(PortalDb db)
{
    /// <summary>False when there is no such draft of this author; a domain error for bad text or a draft already published.</summary>
    public async Task<bool> ReviseAsync(Compound compound, long proposalId, string authorId, Membership membership, ProposalDraft draft, CancellationToken ct = default)
    {
        var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
        if (proposal is null || proposal.AuthorId != authorId) return false;
        if (!Proposal.MayProposeFor(membership, draft.Scope))
            throw new DomainException("proposal.scope_not_yours", "A resident proposes for the compound or where they live.");
        proposal.Revise(draft.Title, draft.Description, draft.Category, draft.Scope, draft.EstimatedCostFen, draft.SuggestedCostSharing);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
