using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Notices;

namespace Portal.Pages.Notices;

/// <summary>An A4 sheet for the stairwell, with a QR code to the notice online.</summary>
[Requires(Capability.ViewCompound)]
public class PrintModel(PortalDb db, TimeProvider clock, IStringLocalizer<SharedText> shared) : CompoundPageModel
{
    public Notice Notice { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public string Address { get; private set; } = "";
    /// <summary>The author's body and a contact, dated the day the notice was published.</summary>
    public PrintedBy PrintedBy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var notice = await db.FindAsync(Compound.Id, id, ct);
        if (notice is null || !Membership.MayRead(notice, clock.GetUtcNow())) return NotFound();
        Notice = notice;
        BodyHtml = SafeMarkdown.ToHtml(notice.BodyMarkdown);
        Address = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/notices/{id}";
        QrCode = QrCodes.PngDataUri(Address, 5);
        // Signed by the body the author posted for (居委会, 物业服务企业 …), not by the compound's letters' issuing unit.
        PrintedBy = PrintedBy.Of(Compound, await ConvenerName.OfUserAsync(db, Compound, notice.PostedBy, shared, ct), notice.PublishedAt ?? clock.GetUtcNow(), shared);
        return Page();
    }
}
