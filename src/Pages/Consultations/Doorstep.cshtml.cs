using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Consultations;

namespace Portal.Pages.Consultations;

/// <summary>
/// A building lead's round of doors: the flats of their building or entrance that have not answered, each with a short
/// form to record the answer given at the door (logged as assisted, with who recorded it and when).
/// </summary>
[Requires(Capability.RecordDoorstepAnswers)]
public class DoorstepModel(PortalDb db, AnswerConsultation answering, ConsultationResults results, TimeProvider clock,
    IStringLocalizer<ConsultationsText> t) : CompoundPageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public List<NonAnsweringFlat> Flats { get; private set; } = [];
    public List<(ConsultationAnswer Answer, string Label)> RecordedByMe { get; private set; } = [];
    public bool IsOpen { get; private set; }

    [BindProperty] public long FlatId { get; set; }
    [BindProperty] public ConsultationChoice? Choice { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PreferredOption { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Choice is null || !Enum.IsDefined(Choice.Value)) ModelState.AddModelError(nameof(Choice), t["Answer_ChoiceRequired"]);
        if (!ModelState.IsValid) return Page();
        await answering.RecordAtDoorAsync(Compound, id, FlatId, Membership, CurrentUserId!, new ConsultationReply(Choice!.Value, Reason, PreferredOption), ct);
        TempData["Flash"] = t["Doorstep_Recorded"].Value;
        return Redirect($"/c/{Compound.Code}/consultations/{id}/doorstep");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.CompoundId == Compound.Id, ct);
        if (consultation is null) return false;
        Consultation = consultation;
        IsOpen = consultation.IsOpenAt(clock.GetUtcNow());
        Flats = (await results.NonAnsweringAsync(consultation, ct)).Where(f => Membership.FollowsEntrance(f.BuildingId, f.EntranceId)).ToList();
        var me = CurrentUserId;
        var recorded = await db.Set<ConsultationAnswer>().AsNoTracking().Where(a => a.ConsultationId == id && a.AssistedBy == me)
            .OrderByDescending(a => a.At).Take(50).ToListAsync(ct);
        var flatIds = recorded.Select(a => a.FlatId).ToList();
        var labels = await Portal.Features.Register.FlatQueries.NamedFlats(db).Where(f => flatIds.Contains(f.Flat.Id)).ToListAsync(ct);
        RecordedByMe = recorded.Select(a => (a, labels.FirstOrDefault(l => l.Flat.Id == a.FlatId)?.Label ?? "")).ToList();
        return true;
    }
}
