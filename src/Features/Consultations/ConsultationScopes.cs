using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;

namespace Portal.Features.Consultations;

/// <summary>The compound's buildings and entrances, to choose a consultation's scope and to label it.</summary>
public sealed class ConsultationScopes
{
    public required IReadOnlyList<Building> Buildings { get; init; }
    public required IReadOnlyList<Entrance> Entrances { get; init; }

    public static async Task<ConsultationScopes> LoadAsync(PortalDb db, long compoundId, CancellationToken ct) => new()
    {
        Buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == compoundId).OrderBy(b => b.Id).ToListAsync(ct),
        Entrances = await db.Set<Entrance>().AsNoTracking().Where(e => e.CompoundId == compoundId).OrderBy(e => e.BuildingId).ThenBy(e => e.Id).ToListAsync(ct),
    };

    /// <summary>"compound", "b:12" or "e:34"; null when it names nothing in this compound.</summary>
    public Scope? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "compound") return Scope.WholeCompound;
        if (value.Length > 2 && long.TryParse(value[2..], out var id))
        {
            if (value.StartsWith("b:") && Buildings.Any(b => b.Id == id)) return Scope.OfBuilding(id);
            if (value.StartsWith("e:") && Entrances.FirstOrDefault(e => e.Id == id) is { } entrance) return Scope.OfEntrance(entrance.BuildingId, entrance.Id);
        }
        return null;
    }

    public IEnumerable<(string Value, string Label)> Options(IStringLocalizer<ConsultationsText> t)
    {
        yield return ("compound", t["Scope_Compound"]);
        foreach (var b in Buildings) yield return ($"b:{b.Id}", Label(Scope.OfBuilding(b.Id), t));
        foreach (var e in Entrances) yield return ($"e:{e.Id}", Label(Scope.OfEntrance(e.BuildingId, e.Id), t));
    }

    public string Label(Scope scope, IStringLocalizer<ConsultationsText> t) => scope.Kind switch
    {
        ScopeKind.Building => t["Scope_Building", BuildingName(scope.BuildingId)],
        ScopeKind.Entrance => t["Scope_Entrance", BuildingName(scope.BuildingId), Entrances.FirstOrDefault(e => e.Id == scope.EntranceId)?.Name ?? "?"],
        _ => t["Scope_Compound"],
    };

    private string BuildingName(long? id) => Buildings.FirstOrDefault(b => b.Id == id)?.Name ?? "?";
}
