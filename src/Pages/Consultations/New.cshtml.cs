using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Consultations;
using Portal.Features.Shared;

namespace Portal.Pages.Consultations;

/// <summary>A convener opens a consultation: kind, question, scope, dates, whether tenants answer, options to prefer.</summary>
[Requires(Capability.ConveneConsultations)]
public class NewModel(PortalDb db, OpenConsultation opening, TimeProvider clock, IStringLocalizer<ConsultationsText> t) : CompoundPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public ConsultationScopes Scopes { get; private set; } = null!;
    public List<PlanItem> PlanItems { get; private set; } = [];

    public sealed class InputModel
    {
        public ConsultationKind Kind { get; set; } = ConsultationKind.Willingness;
        [Required(ErrorMessage = "Validation_Required"), StringLength(Consultation.TitleMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string Title { get; set; } = "";
        [Required(ErrorMessage = "Validation_Required"), StringLength(Consultation.QuestionMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string Question { get; set; } = "";
        public string Scope { get; set; } = "compound";
        /// <summary>Shanghai local time.</summary>
        [Required(ErrorMessage = "Validation_Required")]
        public DateTime? OpensAt { get; set; }
        [Required(ErrorMessage = "Validation_Required")]
        public DateTime? ClosesAt { get; set; }
        public bool TenantsMayAnswer { get; set; }
        /// <summary>One option a line.</summary>
        public string? Options { get; set; }
        public long? PlanItemId { get; set; }
    }

    /// <param name="planItem">The upgrade to consult on (from its phase list), if it is one of this compound's.</param>
    /// <param name="kind">The kind to preselect: the phase the convener came from.</param>
    public async Task OnGetAsync(long? planItem, ConsultationKind? kind, CancellationToken ct)
    {
        await LoadAsync(ct);
        var now = Shanghai.ToLocal(clock.GetUtcNow()).DateTime;
        Input.OpensAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0);
        Input.ClosesAt = now.Date.AddDays(15).AddHours(18);
        if (PlanItems.Any(i => i.Id == planItem)) Input.PlanItemId = planItem;
        if (kind is { } k && Enum.IsDefined(k)) Input.Kind = k;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var scope = Scopes.Parse(Input.Scope);
        if (scope is null) ModelState.AddModelError("Input.Scope", t["New_ScopeUnknown"]);
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", t["Error_consultation_kind_unknown"]);
        if (Input.PlanItemId is { } item && PlanItems.All(i => i.Id != item)) ModelState.AddModelError("Input.PlanItemId", t["Error_consultation_plan_unknown"]);
        if (!ModelState.IsValid) return Page();

        var options = (Input.Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var consultation = await opening.OpenAsync(Compound, new ConsultationDraft(Input.Kind, Input.Title, Input.Question, scope!,
            Shanghai.FromLocal(Input.OpensAt!.Value), Shanghai.FromLocal(Input.ClosesAt!.Value), Input.TenantsMayAnswer, options, Input.PlanItemId), CurrentUserId!, ct);
        TempData["Flash"] = t["New_Opened"].Value;
        return Redirect(ConsultationLinks.Of(Compound, consultation.Id));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Scopes = await ConsultationScopes.LoadAsync(db, Compound.Id, ct);
        PlanItems = await db.Set<PlanItem>().AsNoTracking().Where(i => i.CompoundId == Compound.Id && i.Status != PlanItemStatus.Cancelled)
            .OrderBy(i => i.Id).ToListAsync(ct);
    }
}
