using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Projects;
using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>The committee adds or edits a basic or improvement item; upgrade items come from accepted proposals.</summary>
[Requires(Capability.ManageProjects)]
public class PlanItemEditModel(PortalDb db, ProposalOperations operations, AddPlanItem adding, RevisePlanItem revising,
    IStringLocalizer<ProposalsText> t) : CompoundPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public PlanItem? Item { get; private set; }
    public List<(string Value, string Label)> ScopeOptions { get; } = [];
    public List<PlanItemStatus> NextStatuses { get; private set; } = [];

    public sealed class InputModel
    {
        public PlanCategory Category { get; set; } = PlanCategory.Basic;
        [Required(ErrorMessage = "Validation_Required"), MaxLength(200, ErrorMessage = "Validation_MaxLength")]
        public string Title { get; set; } = "";
        [MaxLength(PlanItem.DescriptionMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? Description { get; set; }
        public string Scope { get; set; } = "compound";
        public string? BudgetYuan { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
        public PlanItemStatus? MoveTo { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Item is not null)
        {
            Input = new InputModel
            {
                Category = Item.Category, Title = Item.Title, Description = Item.Description, Scope = ScopeNames.Value(Item.Scope),
                BudgetYuan = Item.BudgetFen is { } fen ? (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null,
                PlannedStart = Item.PlannedStart, PlannedEnd = Item.PlannedEnd,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        var names = await LoadAsync(id, ct) ? await operations.ScopeNamesAsync(Compound.Id, ct) : null;
        if (names is null) return NotFound();
        if (Input.Category == PlanCategory.Upgrade || !Enum.IsDefined(Input.Category))
            ModelState.AddModelError("Input.Category", t["Plan_UpgradeFromProposals"]);
        var scope = names.Parse(Input.Scope);
        if (scope is null) ModelState.AddModelError("Input.Scope", t["New_ScopeNotYours"]);
        long? budget = null;
        if (!string.IsNullOrWhiteSpace(Input.BudgetYuan))
        {
            if (Money.TryParseYuan(Input.BudgetYuan, out var fen)) budget = fen;
            else ModelState.AddModelError("Input.BudgetYuan", t["New_CostInvalid"]);
        }
        if (!ModelState.IsValid) return Page();
        if (Item is null)
            Item = await adding.AddAsync(Compound,
                new NewPlanItem(Input.Category, Input.Title, Input.Description ?? "", scope!, budget, Input.PlannedStart, Input.PlannedEnd), ct);
        else if (!await revising.ReviseAsync(Compound, Item,
                     new RevisePlanItem.Revision(Input.Title, Input.Description ?? "", budget, Input.PlannedStart, Input.PlannedEnd), Input.MoveTo, Membership, ct))
            return Forbid();
        TempData["Flash"] = t["Plan_Saved"].Value;
        return Redirect($"/c/{Compound.Code}/plan");
    }

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        if (id is not null)
        {
            Item = await db.Set<PlanItem>().FirstOrDefaultAsync(i => i.Id == id && i.CompoundId == Compound.Id && i.ProposalId == null, ct);
            if (Item is null) return false;
            NextStatuses = Enum.GetValues<PlanItemStatus>().Where(s => PlanItem.CanMove(Item.Status, s)).ToList();
        }
        var names = await operations.ScopeNamesAsync(Compound.Id, ct);
        ScopeOptions.Add(("compound", t["Scope_Compound"]));
        foreach (var (bid, _) in names.Buildings.OrderBy(b => b.Value))
        {
            ScopeOptions.Add(($"b:{bid}", names.Label(Domain.Shared.Scope.OfBuilding(bid), t)));
            foreach (var (eid, _) in names.Entrances.Where(e => names.BuildingOf![e.Key] == bid).OrderBy(e => e.Value))
                ScopeOptions.Add(($"e:{eid}", names.Label(Domain.Shared.Scope.OfEntrance(bid, eid), t)));
        }
        return true;
    }
}
