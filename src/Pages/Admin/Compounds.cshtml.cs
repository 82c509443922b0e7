using System.ComponentModel.DataAnnotations;
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

/// <summary>Every compound, creating one (<see cref="CreateCompound"/>), and city officers by city or district (<see cref="AppointCityOfficer"/>).</summary>
[Requires(Capability.AdministerPlatform)]
public class CompoundsModel(PortalDb db, CreateCompound create, AppointCityOfficer appoint, RemoveCityOfficer remove, IStringLocalizer<AdminText> t) : PageModel
{
    public sealed record Row(long Id, string Code, string Name, string City, string District, int Flats, int Roles);
    public sealed record Officer(long Id, string Email, string City, string? District);

    public List<Row> Compounds { get; private set; } = [];
    public List<Officer> Officers { get; private set; } = [];

    [BindProperty] public NewCompound Input { get; set; } = new();
    [BindProperty] public NewOfficer OfficerInput { get; set; } = new();
    [BindProperty] public long OfficerId { get; set; }

    public sealed class NewCompound
    {
        [StringLength(32)] public string Code { get; set; } = "";
        [StringLength(200)] public string Name { get; set; } = "";
        [StringLength(100)] public string? City { get; set; }
        [StringLength(100)] public string? District { get; set; }
        [StringLength(300)] public string? Address { get; set; }
    }

    public sealed class NewOfficer
    {
        [StringLength(256)] public string Email { get; set; } = "";
        [StringLength(100)] public string City { get; set; } = "";
        [StringLength(100)] public string? District { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var flats = await db.Set<Flat>().GroupBy(f => f.CompoundId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var roles = await db.Set<CompoundRole>().GroupBy(r => r.CompoundId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Compounds = (await db.Set<Compound>().OrderBy(c => c.City).ThenBy(c => c.Code).ToListAsync(ct))
            .Select(c => new Row(c.Id, c.Code, c.Name, c.City, c.District, flats.GetValueOrDefault(c.Id), roles.GetValueOrDefault(c.Id))).ToList();
        Officers = await (from s in db.Set<CityOfficerScope>()
                          join u in db.Users on s.UserId equals u.Id
                          orderby s.City
                          select new Officer(s.Id, u.Email ?? "", s.City, s.District)).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!ModelState.IsValid) return Page();
        var compound = await create.CreateAsync(Input.Code, Input.Name, Input.City, Input.District, Input.Address, ct);
        TempData["Flash"] = t["Compounds_Created", compound.Code].Value;
        return RedirectToPage("CompoundRoles", new { id = compound.Id });
    }

    public async Task<IActionResult> OnPostAddOfficerAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (!ModelState.IsValid) return Page();
        await appoint.AppointAsync(OfficerInput.Email, OfficerInput.City, OfficerInput.District, ct);
        TempData["Flash"] = t["Officers_Added"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveOfficerAsync(CancellationToken ct)
    {
        await remove.RemoveAsync(OfficerId, ct);
        TempData["Flash"] = t["Officers_Removed"].Value;
        return RedirectToPage();
    }
}
