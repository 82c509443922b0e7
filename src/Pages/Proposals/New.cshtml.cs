using Portal.Domain.Funding;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>A resident proposes an upgrade: text, category, scope where they live, cost if known, up to six photos.</summary>
[Requires(Capability.Participate)]
public class NewModel(SubmitProposal submitting, ProposalOperations operations,
    IStringLocalizer<ProposalsText> t, IStringLocalizer<FilesText> filesText) : CompoundPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];

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
        /// <summary>"publish" or "draft".</summary>
        public string Action { get; set; } = "publish";
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadScopesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
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

        var uploads = Photos.Where(p => p.Length > 0 || !string.IsNullOrEmpty(p.FileName)).ToList();
        if (uploads.Count > Proposal.MaxPhotos)
            ModelState.AddModelError(nameof(Photos), filesText["Upload_TooMany", Proposal.MaxPhotos]);
        if (!ModelState.IsValid) return Page();

        Proposal proposal;
        try
        {
            proposal = await submitting.SubmitAsync(Compound, CurrentUserId!,
                new ProposalDraft(Input.Title, Input.Description, Input.Category, scope!, cost, Input.CostSharing), uploads, publish: Input.Action != "draft", ct);
        }
        catch (PhotosRefusedException ex)
        {
            foreach (var refused in ex.Refused) ModelState.AddModelError(nameof(Photos), filesText[$"Upload_{refused.Code}", refused.FileName]);
            return Page(); // nothing saved; the text stays in the form
        }
        TempData["Flash"] = Input.Action == "draft" ? t["New_SavedDraft"].Value : t["New_Published"].Value;
        return Redirect(ProposalOperations.Link(Compound, proposal.Id));
    }

    private async Task<ScopeNames> LoadScopesAsync(CancellationToken ct)
    {
        var names = await operations.ScopeNamesAsync(Compound.Id, ct);
        ScopeOptions.Add(("compound", t["Scope_Compound"]));
        foreach (var b in Membership.Ties.Select(x => x.BuildingId).Distinct())
            ScopeOptions.Add(($"b:{b}", names.Label(Scope.OfBuilding(b), t)));
        foreach (var e in Membership.Ties.Select(x => (x.BuildingId, x.EntranceId)).Distinct())
            ScopeOptions.Add(($"e:{e.EntranceId}", names.Label(Scope.OfEntrance(e.BuildingId, e.EntranceId), t)));
        return names;
    }
}
