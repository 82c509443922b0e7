using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Shared;

namespace Portal.Pages.Compounds;

/// <summary>
/// An A4 poster per building for the stairwell (issue 17): a QR code to the compound home, the help desk and the way
/// for residents without a smartphone. Building leads and the committee print it; without a building, the list.
/// </summary>
[Requires(Capability.FollowTurnout)]
public class PosterModel(PortalDb db, TimeProvider clock, IStringLocalizer<SharedText> shared) : CompoundPageModel
{
    [BindProperty(SupportsGet = true)] public long? Building { get; set; }

    public List<Building> Buildings { get; private set; } = [];
    public Building? Chosen { get; private set; }
    public string Address { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public PrintedBy PrintedBy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == Compound.Id).OrderBy(b => b.Id).ToListAsync(ct);
        if (Building is null) return Page();
        Chosen = Buildings.FirstOrDefault(b => b.Id == Building);
        if (Chosen is null) return NotFound();
        Address = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}";
        QrCode = QrCodes.PngDataUri(Address, 8);
        PrintedBy = PrintedBy.Of(Compound, await ConvenerName.IssuingUnitAsync(db, Compound, CurrentUserId, shared, ct), clock.GetUtcNow(), shared);
        return Page();
    }
}
