using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Microsoft.AspNetCore.Mvc;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>The household register (房屋清册) of a compound, one building at a time: committee only (it shows names and phones).</summary>
[Requires(Capability.ViewRegister)]
public class RegisterModel(PortalDb db) : CompoundPageModel
{
    [BindProperty(SupportsGet = true, Name = "b")] public string? BuildingName { get; set; }

    public sealed record BuildingSummary(long Id, string Name, int Entrances, int Flats, long AreaCents);
    public sealed record FlatLine(string Entrance, string Room, int Floor, long AreaCents, AreaSource Source, string OwnerKey, string OwnerName, string? Phone);

    public List<BuildingSummary> Buildings { get; private set; } = [];
    public BuildingSummary? Selected { get; private set; }
    public List<FlatLine> Flats { get; private set; } = [];
    public int TotalFlats { get; private set; }
    public int TotalOwners { get; private set; }
    public long TotalAreaCents { get; private set; }
    public int PendingRequests { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var flats = db.Set<Flat>().Where(f => f.CompoundId == Compound.Id);
        var perBuilding = await flats.GroupBy(f => f.BuildingId)
            .Select(g => new { g.Key, Flats = g.Count(), Area = g.Sum(f => f.ExclusiveAreaCents), Entrances = g.Select(f => f.EntranceId).Distinct().Count() })
            .ToListAsync(ct);
        var names = await db.Set<Building>().Where(b => b.CompoundId == Compound.Id).ToListAsync(ct);
        Buildings = names
            .Select(b => perBuilding.FirstOrDefault(p => p.Key == b.Id) is { } p
                ? new BuildingSummary(b.Id, b.Name, p.Entrances, p.Flats, p.Area)
                : new BuildingSummary(b.Id, b.Name, 0, 0, 0))
            .OrderBy(b => b.Name.Length).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        TotalFlats = Buildings.Sum(b => b.Flats);
        TotalAreaCents = Buildings.Sum(b => b.AreaCents);
        TotalOwners = await db.Set<OwnerOfRecord>().CountAsync(o => o.CompoundId == Compound.Id, ct);
        PendingRequests = await db.Set<LinkRequest>().CountAsync(r => r.CompoundId == Compound.Id && r.Status == LinkRequestStatus.Pending, ct);

        Selected = Buildings.FirstOrDefault(b => b.Name == BuildingName) ?? Buildings.FirstOrDefault();
        if (Selected is null) return;
        Flats = await (from f in flats
                       join e in db.Set<Entrance>() on f.EntranceId equals e.Id
                       join o in db.Set<OwnerOfRecord>() on f.OwnerOfRecordId equals o.Id
                       where f.BuildingId == Selected.Id
                       select new FlatLine(e.Name, f.Room, f.Floor, f.ExclusiveAreaCents, f.AreaSource, o.OwnerKey, o.Name, o.Phone))
            .ToListAsync(ct);
        Flats = Flats.OrderBy(f => f.Entrance.Length).ThenBy(f => f.Entrance, StringComparer.Ordinal)
            .ThenBy(f => f.Floor).ThenBy(f => f.Room, StringComparer.Ordinal).ToList();
    }
}
