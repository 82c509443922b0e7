using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>The author edits a draft: the same fields as when proposing; publishing stays on the proposal's page.</summary>
[Requires(Capability.Participate)]
public class EditModel(PortalDb db, ReviseProposal revising, ProposalOperations operations, IStringLocalizer<ProposalsText> t) : CompoundPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public long ProposalId { get; private set; }
    public List<(string Value, string Label)> ScopeOptions { get; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required"), MaxLength(Proposal.TitleMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string Title { get; set; } = "";
        [Required(ErrorMessage = "Validation_Required"), MaxLength(Proposal.DescriptionMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string Description { get; set; } = "";
        public ProposalCategory Category { get; set; } = ProposalCategory.Other;
        public string Scope { get; set; } = "compound";
        public string? EstimatedCostYuan { get; set; }
        public CostSharingMethod? CostSharing { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var draft = await MyDraftAsync(id, ct);
        if (draft is null) return NotFound();
        await LoadScopesAsync(ct);
        Input = new InputModel
        {
            Title = draft.Title, Description = draft.Description, Category = draft.Category, Scope = ScopeNames.Value(draft.Scope),
            EstimatedCostYuan = draft.EstimatedCostFen is { } fen ? (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null,
            CostSharing = draft.SuggestedCostSharing,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await MyDraftAsync(id, ct) is null) return NotFound();
        var names = await LoadScopesAsync(ct);
        var scope = names.Parse(Input.Scope);
        if (scope is null || !Proposal.MayProposeFor(Membership, scope))
            ModelState.AddModelError("Input.Scope", t["New_ScopeNotYours"]);
        long? cost = null;
        if (!string.IsNullOrWhiteSpace(Input.EstimatedCostYuan))
        {
            if (Money.TryParseYuan(Input.EstimatedCostYuan, out var fen)) cost = fen;
            else ModelState.AddModelError("Input.EstimatedCostYuan", t["New_CostInvalid"]);
        }
        if (!Enum.IsDefined(Input.Category)) ModelState.AddModelError("Input.Category", t["New_CategoryInvalid"]);
        if (!ModelState.IsValid) return Page();

        if (!await revising.ReviseAsync(Compound, id, CurrentUserId!, Membership,
                new ProposalDraft(Input.Title, Input.Description, Input.Category, scope!, cost, Input.CostSharing), ct))
            return NotFound();
        TempData["Flash"] = t["Edit_Saved"].Value;
        return Redirect(ProposalOperations.Link(Compound, id));
    }

    private async Task<Proposal?> MyDraftAsync(long id, CancellationToken ct)
    {
        ProposalId = id;
        var me = CurrentUserId;
        return await db.Set<Proposal>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == id && p.CompoundId == Compound.Id && p.AuthorId == me && p.Status == ProposalStatus.Draft, ct);
    }

    private async Task<ScopeNames> LoadScopesAsync(CancellationToken ct)
    {
        var names = await operations.ScopeNamesAsync(Compound.Id, ct);
        ScopeOptions.Clear();
        ScopeOptions.Add(("compound", t["Scope_Compound"]));
        foreach (var b in Membership.Ties.Select(x => x.BuildingId).Distinct())
            ScopeOptions.Add(($"b:{b}", names.Label(Scope.OfBuilding(b), t)));
        foreach (var e in Membership.Ties.Select(x => (x.BuildingId, x.EntranceId)).Distinct())
            ScopeOptions.Add(($"e:{e.EntranceId}", names.Label(Scope.OfEntrance(e.BuildingId, e.EntranceId), t)));
        return names;
    }
}
