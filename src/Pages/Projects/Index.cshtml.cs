using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Projects;

namespace Portal.Pages.Projects;

/// <summary>A compound's renovation project: its plan items by category, with budget, schedule, status and progress.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db, AddPlanItem adding, IStringLocalizer<ProjectsText> T) : CompoundPageModel
{
    public sealed record ItemRow(PlanItem Item, int? PercentDone, int OpenProblems);
    public sealed record ScopeOption(string Value, string Label);

    public List<ItemRow> Items { get; private set; } = [];
    public List<ScopeOption> Scopes { get; private set; } = [];

    [BindProperty] public NewItemInput Input { get; set; } = new();

    public sealed class NewItemInput
    {
        public string? Title { get; set; }
        public PlanCategory Category { get; set; } = PlanCategory.Basic;
        public string? Description { get; set; }
        public string Scope { get; set; } = "c";
        public string? Budget { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedEnd { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var items = await db.Set<PlanItem>().AsNoTracking().Where(i => i.CompoundId == Compound.Id)
            .OrderBy(i => i.Category).ThenBy(i => i.PlannedStart).ThenBy(i => i.Id).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        // Latest percentage per item and open problems per item: two grouped queries, not one per item.
        var latest = await db.Set<ConstructionUpdate>().Where(u => ids.Contains(u.PlanItemId))
            .GroupBy(u => u.PlanItemId).Select(g => new { g.Key, Percent = g.Max(u => u.PercentDone) }).ToListAsync(ct);
        var problems = await db.Set<ProblemReport>().Where(p => ids.Contains(p.PlanItemId) && p.Status == ProblemStatus.Open)
            .GroupBy(p => p.PlanItemId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Items = items.Select(i => new ItemRow(i, latest.FirstOrDefault(l => l.Key == i.Id)?.Percent, problems.FirstOrDefault(p => p.Key == i.Id)?.Count ?? 0)).ToList();

        if (Membership.Can(Capability.ManageProjects))
        {
            Scopes.Add(new("c", T["Scope_Compound"]));
            var entrances = await (from e in db.Set<Entrance>()
                                   join b in db.Set<Building>() on e.BuildingId equals b.Id
                                   where e.CompoundId == Compound.Id
                                   orderby b.Name, e.Name
                                   select new { BuildingId = b.Id, Building = b.Name, EntranceId = e.Id, Entrance = e.Name }).ToListAsync(ct);
            foreach (var b in entrances.GroupBy(x => (x.BuildingId, x.Building)))
            {
                Scopes.Add(new($"b:{b.Key.BuildingId}", T["Scope_Building", b.Key.Building]));
                foreach (var e in b) Scopes.Add(new($"e:{e.EntranceId}", T["Scope_Entrance", e.Building, e.Entrance]));
            }
        }
    }

    /// <summary>The committee adds an item to the plan (upgrades usually come from proposals).</summary>
    [Requires(Capability.ManageProjects)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        long? budget = null;
        if (string.IsNullOrWhiteSpace(Input.Title))
            ModelState.AddModelError("Input.Title", T["Error_plan_title_required"]);
        if (!string.IsNullOrWhiteSpace(Input.Budget))
        {
            if (Money.TryParseYuan(Input.Budget, out var fen)) budget = fen;
            else ModelState.AddModelError("Input.Budget", T["Error_Budget"]);
        }
        if (!Enum.IsDefined(Input.Category))
            ModelState.AddModelError("Input.Category", T["Error_Category"]);
        var scope = await ScopeAsync(Input.Scope, ct);
        if (scope is null) ModelState.AddModelError("Input.Scope", T["Error_Scope"]);
        if (Input.PlannedStart is { } s && Input.PlannedEnd is { } e && e < s)
            ModelState.AddModelError("Input.PlannedEnd", T["Error_plan_end_before_start"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var item = await adding.AddAsync(Compound,
            new NewPlanItem(Input.Category, Input.Title!, Input.Description ?? "", scope!, budget, Input.PlannedStart, Input.PlannedEnd), ct);
        TempData["Flash"] = T["Flash_ItemAdded", item.Title].Value;
        return RedirectToPage("/Projects/Item", new { compound = Compound.Code, id = item.Id });
    }

    private async Task<Scope?> ScopeAsync(string value, CancellationToken ct)
    {
        if (value == "c") return Scope.WholeCompound;
        if (value.StartsWith("b:") && long.TryParse(value[2..], out var buildingId) &&
            await db.Set<Building>().AnyAsync(b => b.Id == buildingId && b.CompoundId == Compound.Id, ct))
            return Scope.OfBuilding(buildingId);
        if (value.StartsWith("e:") && long.TryParse(value[2..], out var entranceId) &&
            await db.Set<Entrance>().FirstOrDefaultAsync(e => e.Id == entranceId && e.CompoundId == Compound.Id, ct) is { } entrance)
            return Scope.OfEntrance(entrance.BuildingId, entrance.Id);
        return null;
    }
}
