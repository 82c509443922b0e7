using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Projects;
using Portal.Domain.Register;

namespace Portal.Features.Projects;

/// <summary>
/// The phase list of an upgrade (its page: Component.InvokeAsync("PlanPhases", new { compound, item, canSkip, canConvene })). A convener
/// of consultations sees, on a consultation phase not held yet, a link that opens one for this item.
/// </summary>
public sealed class PlanPhasesViewComponent(PlanPhases phases) : ViewComponent
{
    public sealed record Model(Compound Compound, PlanItem Item, IReadOnlyList<PhaseLine> Lines, bool CanSkip, bool CanConvene);

    public async Task<IViewComponentResult> InvokeAsync(Compound compound, PlanItem item, bool canSkip, bool canConvene) =>
        View(new Model(compound, item, await phases.OfAsync(compound, item, HttpContext.RequestAborted), canSkip, canConvene));
}
