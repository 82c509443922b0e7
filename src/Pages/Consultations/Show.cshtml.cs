using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Consultations;
using Portal.Features.Register;

namespace Portal.Pages.Consultations;

/// <summary>
/// One consultation: the question, the household's answer form (one answer per flat, changeable until closing), the
/// results per building and entrance, and for the convener a reminder to households that have not answered.
/// </summary>
[Requires(Capability.ViewCompound)]
public class ShowModel(PortalDb db, AnswerConsultation answering, RemindNonAnswering reminding, ConsultationResults results,
    TimeProvider clock, IStringLocalizer<ConsultationsText> t, IStringLocalizer<Portal.Features.Shared.SharedText> shared) : CompoundPageModel
{
    public Consultation Consultation { get; private set; } = null!;
    public ConsultationScopes Scopes { get; private set; } = null!;
    public PlanItem? PlanItem { get; private set; }
    /// <summary>The version a plan consultation is held on.</summary>
    public PlanVersion? PlanVersion { get; private set; }
    /// <summary>The body that convened it, by its real name (梨花小区居民委员会).</summary>
    public string Convener { get; private set; } = "";
    public List<PlaceAnswers> Places { get; private set; } = [];
    /// <summary>The user's flats in scope that they may answer for, with their labels and current answers.</summary>
    public List<(long FlatId, string Label, ConsultationAnswer? Answer)> MyFlats { get; private set; } = [];
    /// <summary>The user's flats in scope for which they may not answer (tenants where tenants do not answer).</summary>
    public bool ResidentButMayNotAnswer { get; private set; }
    public DateTimeOffset Now { get; private set; }

    [BindProperty] public long? FlatId { get; set; }
    [BindProperty] public ConsultationChoice? Choice { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PreferredOption { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var mine = MyFlats.FirstOrDefault(f => f.Answer is not null).Answer;
        if (mine is not null)
        {
            FlatId = mine.FlatId;
            Choice = mine.Choice;
            Reason = mine.Reason;
            PreferredOption = mine.PreferredOption;
        }
        return Page();
    }

    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Choice is null || !Enum.IsDefined(Choice.Value)) ModelState.AddModelError(nameof(Choice), t["Answer_ChoiceRequired"]);
        if (Reason is { Length: > ConsultationAnswer.ReasonMaxLength }) ModelState.AddModelError(nameof(Reason), t["Error_consultation_reason_too_long"]);
        var flat = FlatId ?? (MyFlats.Count > 0 ? MyFlats[0].FlatId : Membership.Ties.FirstOrDefault()?.FlatId);
        if (flat is null) ModelState.AddModelError(nameof(FlatId), t["Error_consultation_not_your_flat"]);
        if (!ModelState.IsValid) return Page();

        var outcome = await answering.AnswerAsync(Compound, id, flat!.Value, Membership, CurrentUserId!, new ConsultationReply(Choice!.Value, Reason, PreferredOption), ct);
        TempData["Flash"] = t[$"Answer_{outcome}"].Value;
        return Redirect(ConsultationLinks.Of(Compound, id) + "#answer");
    }

    [Requires(Capability.ConveneConsultations)]
    public async Task<IActionResult> OnPostRemindAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var told = await reminding.RemindAsync(Compound, id, ct);
        TempData["Flash"] = t["Remind_Sent", told].Value;
        return Redirect(ConsultationLinks.Of(Compound, id) + "#results");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var consultation = await db.Set<Consultation>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.CompoundId == Compound.Id, ct);
        if (consultation is null) return false;
        Consultation = consultation;
        Now = clock.GetUtcNow();
        Scopes = await ConsultationScopes.LoadAsync(db, Compound.Id, ct);
        Convener = await Portal.Features.Shared.ConvenerName.OfUserAsync(db, Compound, consultation.ConvenedBy, shared, ct);
        if (consultation.PlanItemId is { } item) PlanItem = await db.Set<PlanItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == item, ct);
        if (consultation.PlanVersionId is { } version) PlanVersion = await db.Set<PlanVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == version, ct);
        Places = await results.ByEntranceAsync(consultation, ct);

        var inScope = Membership.Ties.Where(t => consultation.Scope.Covers(t.BuildingId, t.EntranceId)).ToList();
        var allowed = inScope.Where(t => consultation.MayAnswerAs(t.Relation)).Select(t => t.FlatId).Distinct().ToList();
        ResidentButMayNotAnswer = inScope.Count > 0 && allowed.Count == 0;
        if (allowed.Count > 0)
        {
            var labels = await db.NamedFlats().Where(f => allowed.Contains(f.Flat.Id)).ToListAsync(ct);
            var answers = await db.Set<ConsultationAnswer>().AsNoTracking().Where(a => a.ConsultationId == id && allowed.Contains(a.FlatId)).ToListAsync(ct);
            MyFlats = labels.OrderBy(f => f.Flat.Id).Select(f => (f.Flat.Id, f.Label, answers.FirstOrDefault(a => a.FlatId == f.Flat.Id))).ToList();
        }
        return true;
    }
}
