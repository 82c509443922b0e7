using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Projects;
using Portal.Domain.Shared;

using Portal.Features.Funding;

namespace Portal.Pages.Funding;

/// <summary>A funding page about one plan item of the compound in the route.</summary>
public abstract class FundingPageModel : CompoundPageModel
{
    public PlanItem Item { get; private set; } = null!;

    /// <summary>The plan item, only if it belongs to this compound (else the page answers 404).</summary>
    protected async Task<bool> LoadItemAsync(PortalDb db, long planItemId, CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(p => p.Id == planItemId && p.CompoundId == Compound.Id, ct);
        if (item is null) return false;
        Item = item;
        return true;
    }

    public static string Yuan(long fen) => Money.FormatYuan(fen);

    /// <summary>A yuan amount for an input box: "1234.50".</summary>
    public static string YuanInput(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
