using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

using Portal.Features.Admin;

namespace Portal.Pages.Admin;

/// <summary>Assign and revoke compound roles (committee, property manager, building lead for a building or entrance) by email
/// (<see cref="AssignRole"/>, <see cref="RevokeRole"/>).</summary>
[Requires(Capability.AdministerPlatform)]
public class CompoundRolesModel(PortalDb db, AssignRole assign, RevokeRole revoke, IStringLocalizer<AdminText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public CompoundRoleKind Kind { get; set; }
    [BindProperty] public string? Building { get; set; }
    [BindProperty] public string? Entrance { get; set; }
    [BindProperty] public long RoleId { get; set; }

    public Compound? Compound { get; private set; }
    public sealed record Row(long Id, string Email, string Name, CompoundRoleKind Kind, string? Where, DateTimeOffset GrantedAt);
    public List<Row> Roles { get; private set; } = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Compound = await db.Set<Compound>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (Compound is null) return false;
        var buildings = await db.Set<Building>().Where(b => b.CompoundId == Id).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var entrances = await db.Set<Entrance>().Where(e => e.CompoundId == Id).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var rows = await (from r in db.Set<CompoundRole>()
                          join u in db.Users on r.UserId equals u.Id
                          where r.CompoundId == Id
                          orderby r.Kind, u.Email
                          select new { r, u.Email, u.DisplayName }).ToListAsync(ct);
        Roles = rows.Select(x => new Row(x.r.Id, x.Email ?? "", x.DisplayName, x.r.Kind,
            x.r.BuildingId is { } b ? buildings.GetValueOrDefault(b) + (x.r.EntranceId is { } e ? "-" + entrances.GetValueOrDefault(e) : "") : null,
            x.r.GrantedAt)).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await assign.AssignAsync(Id, Email, Kind, Building, Entrance, CompoundAccess.UserId(User)!, ct);
        TempData["Flash"] = t["Roles_Assigned"].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await revoke.RevokeAsync(Id, RoleId, ct);
        TempData["Flash"] = t["Roles_Revoked"].Value;
        return RedirectToPage(new { id = Id });
    }
}
