using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Web;

namespace Portal.Pages;

[AllowAnonymous]
public class IndexModel(PortalDb db, IStringLocalizer<SharedText> s) : PageModel
{
    public bool SignedIn { get; private set; }
    public bool IsCityOfficer { get; private set; }
    public List<MyCompound> Compounds { get; } = [];

    public sealed record MyCompound(string Code, string Name, string City, string District, string Why);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = CompoundAccess.UserId(User);
        SignedIn = userId is not null;
        if (userId is null) return;

        var viaRoles = await (from r in db.Set<CompoundRole>()
                              join c in db.Set<Compound>() on r.CompoundId equals c.Id
                              where r.UserId == userId
                              select new { c.Code, c.Name, c.City, c.District, r.Kind }).ToListAsync(ct);
        var viaFlats = await (from l in db.Set<ResidentLink>()
                              join c in db.Set<Compound>() on l.CompoundId equals c.Id
                              where l.UserId == userId && l.UnlinkedAt == null
                              select new { c.Code, c.Name, c.City, c.District, l.Relation }).ToListAsync(ct);

        foreach (var g in viaFlats.GroupBy(x => x.Code))
        {
            var first = g.First();
            Compounds.Add(new MyCompound(first.Code, first.Name, first.City, first.District,
                string.Join("、", g.Select(x => s[$"Relation_{x.Relation}"].Value).Distinct())));
        }
        foreach (var g in viaRoles.GroupBy(x => x.Code))
        {
            var first = g.First();
            var why = string.Join("、", g.Select(x => s[$"Role_{x.Kind}"].Value).Distinct());
            var existing = Compounds.FindIndex(c => c.Code == first.Code);
            if (existing >= 0) Compounds[existing] = Compounds[existing] with { Why = Compounds[existing].Why + "、" + why };
            else Compounds.Add(new MyCompound(first.Code, first.Name, first.City, first.District, why));
        }
        IsCityOfficer = User.IsInRole(PlatformRoles.Admin) || await db.Set<CityOfficerScope>().AnyAsync(x => x.UserId == userId, ct);
    }
}
