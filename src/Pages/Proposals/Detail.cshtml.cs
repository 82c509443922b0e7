using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Proposals;
using Portal.Features.Shared;

namespace Portal.Pages.Proposals;

/// <summary>One proposal: photos, support, timeline and discussion.</summary>
[Requires(Capability.ViewCompound)]
public class DetailModel(PortalDb db, ProposalOperations operations, SubmitProposal submitting, SupportProposal supporting,
    CommentOnProposal commenting, HideComment hiding, TimeProvider clock, IStringLocalizer<ProposalsText> t) : CompoundPageModel
{
    public Proposal Proposal { get; private set; } = null!;
    public string DescriptionHtml { get; private set; } = "";
    public List<string> PhotoUrls { get; private set; } = [];
    public List<ProposalComment> Comments { get; private set; } = [];
    public ScopeNames Names { get; private set; } = null!;
    public int Threshold { get; private set; }
    public bool Supporting { get; private set; }
    public bool CanSupport { get; private set; }
    public bool IsAuthor => Proposal.AuthorId == CurrentUserId;
    public Proposal? MergedInto { get; private set; }
    public DateTimeOffset Now { get; private set; }
    /// <summary>What the user typed when a comment was refused, so it is not lost.</summary>
    public string? CommentDraft { get; private set; }
    public long? CommentDraftParent { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct)
    {
        var outcome = await submitting.PublishAsync(Compound, id, CurrentUserId!, ct);
        if (outcome == PublishOutcome.NotFound) return NotFound();
        if (outcome == PublishOutcome.Published) TempData["Flash"] = t["New_Published"].Value;
        return Redirect(ProposalOperations.Link(Compound, id));
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostSupportAsync(long id, CancellationToken ct)
    {
        var outcome = await supporting.SupportAsync(Compound, id, Membership, CurrentUserId!, ct);
        TempData["Flash"] = t[$"Support_{outcome}"].Value;
        return Redirect(ProposalOperations.Link(Compound, id));
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        var outcome = await supporting.WithdrawAsync(Compound, id, CurrentUserId!, ct);
        TempData["Flash"] = t[$"Support_{outcome}"].Value;
        return Redirect(ProposalOperations.Link(Compound, id));
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostCommentAsync(long id, string? body, long? parentId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Proposal.Status == ProposalStatus.Draft) return NotFound();
        // kept so a refused comment is shown again, not lost
        CommentDraft = body;
        CommentDraftParent = parentId;
        var outcome = await commenting.CommentAsync(id, parentId, CurrentUserId!, body ?? "", ct);
        return outcome switch
        {
            CommentOutcome.NoSuchParent => NotFound(),
            CommentOutcome.RateLimited => Refused(t["Comment_RateLimited", ProposalComment.RateLimitPerMinute], body, parentId),
            _ => Redirect(ProposalOperations.Link(Compound, id) + "#discussion"),
        };
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostEditCommentAsync(long id, long commentId, string? body, CancellationToken ct)
    {
        var comment = await db.Set<ProposalComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.ProposalId == id, ct);
        if (comment is null || !await LoadAsync(id, ct)) return NotFound();
        await commenting.EditAsync(comment, CurrentUserId!, body ?? "", ct);
        return Redirect(ProposalOperations.Link(Compound, id) + "#comment-" + commentId);
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostReportCommentAsync(long id, long commentId, CancellationToken ct)
    {
        var comment = await db.Set<ProposalComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.ProposalId == id, ct);
        if (comment is null || !await ProposalInCompoundAsync(id, ct)) return NotFound();
        await commenting.ReportAsync(comment, CurrentUserId!, ct);
        TempData["Flash"] = t["Comment_Reported"].Value;
        return Redirect(ProposalOperations.Link(Compound, id) + "#comment-" + commentId);
    }

    [Requires(Capability.ReviewProposals)]
    public async Task<IActionResult> OnPostHideCommentAsync(long id, long commentId, string? reason, CancellationToken ct)
    {
        var comment = await db.Set<ProposalComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.ProposalId == id, ct);
        if (comment is null || !await LoadAsync(id, ct)) return NotFound();
        await hiding.HideAsync(comment, reason ?? "", CurrentUserId!, ct);
        TempData["Flash"] = t["Comment_HiddenDone"].Value;
        return Redirect(ProposalOperations.Link(Compound, id) + "#comment-" + commentId);
    }

    private IActionResult Refused(string message, string? body, long? parentId)
    {
        ModelState.AddModelError("body", message);
        CommentDraft = body;
        CommentDraftParent = parentId;
        return Page();
    }

    private Task<bool> ProposalInCompoundAsync(long id, CancellationToken ct) =>
        db.Set<Proposal>().AnyAsync(p => p.Id == id && p.CompoundId == Compound.Id && (p.Status != ProposalStatus.Draft || p.AuthorId == CurrentUserId), ct);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().AsNoTracking().Include(p => p.Timeline).Include(p => p.Photos)
            .FirstOrDefaultAsync(p => p.Id == id && p.CompoundId == Compound.Id, ct);
        if (proposal is null) return false;
        if (proposal.Status == ProposalStatus.Draft && proposal.AuthorId != CurrentUserId) return false;
        Proposal = proposal;
        Now = clock.GetUtcNow();
        DescriptionHtml = SafeMarkdown.ToHtml(proposal.Description);
        PhotoUrls = proposal.Photos.OrderBy(p => p.Position).Select(p => $"/files/{p.StoredFileId:N}").ToList();
        Names = await operations.ScopeNamesAsync(Compound.Id, ct);
        Threshold = await operations.ThresholdAsync(Compound, proposal, ct);
        var me = CurrentUserId;
        Supporting = me is not null && await db.Set<ProposalSupport>().AnyAsync(s => s.ProposalId == id && s.UserId == me, ct);
        CanSupport = me is not null && !Supporting && Membership.Can(Capability.Participate) && proposal.CanBeSupportedBy(Membership, me, Now);
        Comments = await db.Set<ProposalComment>().AsNoTracking().Where(c => c.ProposalId == id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);
        if (proposal.MergedIntoId is { } target)
            MergedInto = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == target, ct);
        return true;
    }
}
