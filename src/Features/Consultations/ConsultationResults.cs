using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Features.Register;

namespace Portal.Features.Consultations;

/// <summary>Households in scope and their answers, counted per entrance (and so per building).</summary>
public sealed record PlaceAnswers(long BuildingId, string Building, long EntranceId, string Entrance, int Households, int Agree, int Disagree,
    int NoPreference, int Assisted)
{
    public int Answered => Agree + Disagree + NoPreference;
}

/// <summary>A flat in scope that has not answered yet, for the building lead's round of doors.</summary>
public sealed record NonAnsweringFlat(long FlatId, long BuildingId, long EntranceId, string Label, int Floor);

/// <summary>The counts of a consultation, and who is still to answer. Advisory: nothing here decides anything.</summary>
public sealed class ConsultationResults(PortalDb db)
{
    public async Task<List<PlaceAnswers>> ByEntranceAsync(Consultation consultation, CancellationToken ct)
    {
        var flats = await db.FlatsIn(consultation.CompoundId, consultation.Scope).WithNames(db)
            .Select(f => new { f.Flat.Id, f.Flat.BuildingId, f.Flat.EntranceId, f.Building, f.Entrance }).ToListAsync(ct);
        var answers = await db.Set<ConsultationAnswer>().AsNoTracking().Where(a => a.ConsultationId == consultation.Id)
            .Select(a => new { a.FlatId, a.Choice, a.AssistedBy }).ToDictionaryAsync(a => a.FlatId, ct);
        return flats.GroupBy(f => (f.BuildingId, f.Building, f.EntranceId, f.Entrance))
            .Select(g =>
            {
                var of = g.Select(f => answers.GetValueOrDefault(f.Id)).Where(a => a is not null).ToList();
                return new PlaceAnswers(g.Key.BuildingId, g.Key.Building, g.Key.EntranceId, g.Key.Entrance, g.Count(),
                    of.Count(a => a!.Choice == ConsultationChoice.Agree), of.Count(a => a!.Choice == ConsultationChoice.Disagree),
                    of.Count(a => a!.Choice == ConsultationChoice.NoPreference), of.Count(a => a!.AssistedBy is not null));
            })
            .OrderBy(p => p.BuildingId).ThenBy(p => p.EntranceId).ToList();
    }

    public async Task<List<NonAnsweringFlat>> NonAnsweringAsync(Consultation consultation, CancellationToken ct)
    {
        var answered = db.Set<ConsultationAnswer>().Where(a => a.ConsultationId == consultation.Id).Select(a => a.FlatId);
        var flats = await db.FlatsIn(consultation.CompoundId, consultation.Scope).Where(f => !answered.Contains(f.Id)).WithNames(db).ToListAsync(ct);
        return flats.Select(f => new NonAnsweringFlat(f.Flat.Id, f.Flat.BuildingId, f.Flat.EntranceId, f.Label, f.Flat.Floor))
            .OrderBy(f => f.BuildingId).ThenBy(f => f.EntranceId).ThenBy(f => f.Floor).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
    }

    /// <summary>The accounts that may answer for flats that have not answered (for reminders).</summary>
    public async Task<List<string>> ResidentsToRemindAsync(Consultation consultation, CancellationToken ct)
    {
        var answered = db.Set<ConsultationAnswer>().Where(a => a.ConsultationId == consultation.Id).Select(a => a.FlatId);
        var open = db.FlatsIn(consultation.CompoundId, consultation.Scope).Where(f => !answered.Contains(f.Id)).Select(f => f.Id);
        var links = await db.Set<Portal.Domain.Residents.ResidentLink>()
            .Where(l => l.CompoundId == consultation.CompoundId && l.UnlinkedAt == null && open.Contains(l.FlatId))
            .Select(l => new { l.UserId, l.Relation }).ToListAsync(ct);
        return links.Where(l => consultation.MayAnswerAs(l.Relation)).Select(l => l.UserId).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
