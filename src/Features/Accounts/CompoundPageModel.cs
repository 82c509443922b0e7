using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Accounts;

/// <summary>A page about one compound ({compound} in its route). The capability filter has already loaded both.</summary>
public abstract class CompoundPageModel : PageModel
{
    private CompoundScope Scope => HttpContext.Items[typeof(CompoundScope)] as CompoundScope
        ?? throw new InvalidOperationException("A compound page needs {compound} in its route.");

    public Compound Compound => Scope.Compound ?? throw new InvalidOperationException("No compound in the route.");
    public Membership Membership => Scope.Membership;
    public string? CurrentUserId => CompoundAccess.UserId(User);
}
