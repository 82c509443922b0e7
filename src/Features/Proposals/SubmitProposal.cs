using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Register;
using Portal.Domain.Proposals;
using Portal.Domain.Shared;
using Portal.Files;

namespace Portal.Features.Proposals;

/// <summary>What a resident writes when proposing an upgrade.</summary>
public sealed record ProposalDraft(string Title, string Description, ProposalCategory Category, Scope Scope, long? EstimatedCostFen,
    CostSharingMethod? SuggestedCostSharing);

/// <summary>Photos that were refused, each with its reason; nothing was saved.</summary>
public sealed class PhotosRefusedException(IReadOnlyList<UploadRefusedException> refused) : Exception("Some photos were refused.")
{
    public IReadOnlyList<UploadRefusedException> Refused { get; } = refused;
}

public enum PublishOutcome { Published, NotADraft, NotFound }

/// <summary>A resident proposes an upgrade with up to six photos, as a draft or published at once; later publishes a draft.</summary>
public sealed class SubmitProposal(PortalDb db, FileStore files, TimeProvider clock)
{
    /// <summary>
    /// Saves the proposal with its photos, or nothing: throws <see cref="PhotosRefusedException"/> naming every bad photo,
    /// or a domain error for bad text.
    /// </summary>
    public async Task<Proposal> SubmitAsync(Compound compound, string authorId, ProposalDraft draft, IReadOnlyList<IFormFile> photos, bool publish,
        CancellationToken ct = default)
    {
        var stored = new List<StoredFile>();
        var refused = new List<UploadRefusedException>();
        foreach (var photo in photos)
        {
            try { stored.Add(await files.AddAsync(photo, UploadRule.Photo, compound.Id, FileOwnerKinds.ProposalPhoto, authorId, ct)); }
            catch (UploadRefusedException ex) { refused.Add(ex); }
        }
        if (refused.Count > 0) throw new PhotosRefusedException(refused);

        var now = clock.GetUtcNow();
        var proposal = new Proposal(compound.Id, authorId, draft.Title, draft.Description, draft.Category, draft.Scope, draft.EstimatedCostFen,
            draft.SuggestedCostSharing, now);
        foreach (var file in stored) proposal.AddPhoto(file.Id);
        if (publish) proposal.Publish(now, authorId);
        db.Add(proposal);
        await db.SaveChangesAsync(ct);
        return proposal;
    }

    /// <summary>The author publishes their draft; it starts collecting support.</summary>
    public async Task<PublishOutcome> PublishAsync(Compound compound, long proposalId, string authorId, CancellationToken ct = default)
    {
        var proposal = await db.Set<Proposal>().Include(p => p.Timeline).FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
        if (proposal is null || proposal.AuthorId != authorId) return PublishOutcome.NotFound;
        if (proposal.Status != ProposalStatus.Draft) return PublishOutcome.NotADraft;
        proposal.Publish(clock.GetUtcNow(), authorId);
        await db.SaveChangesAsync(ct);
        return PublishOutcome.Published;
    }
}
