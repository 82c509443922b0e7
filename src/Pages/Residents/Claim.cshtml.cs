using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Register;
using Portal.Pages.Register;

using Portal.Features.Residents;

namespace Portal.Pages.Residents;

/// <summary>
/// A signed-in resident enters the code from their invitation letter and is linked to that flat as owner.
/// Wrong codes count per account and per address; too many lock claiming for a while.
/// </summary>
[Authorize]
public class ClaimModel(PortalDb db, TimeProvider clock, IOptions<RegisterOptions> options, IStringLocalizer<ResidentsText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(40, ErrorMessage = "Validation_MaxLength")]
        [Display(Name = "Field_InvitationCode")]
        public string Code { get; set; } = "";
    }

    public string? LockedUntil { get; private set; }

    public void OnGet([FromQuery] string? code)
    {
        if (!string.IsNullOrWhiteSpace(code)) Input.Code = code.Trim();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var userId = CompoundAccess.UserId(User)!;
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow();
        var o = options.Value;
        var since = now.AddMinutes(-o.LockoutMinutes);

        var accountFailures = await db.Set<ClaimAttempt>().Where(a => a.UserId == userId && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        var addressFailures = ip is null ? [] : await db.Set<ClaimAttempt>().Where(a => a.Ip == ip && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        if (accountFailures.Count >= o.ClaimFailuresPerAccount || addressFailures.Count >= o.ClaimFailuresPerAddress)
        {
            var oldest = accountFailures.Count >= o.ClaimFailuresPerAccount ? accountFailures.Min() : addressFailures.Min();
            LockedUntil = Portal.Features.Shared.Shanghai.Format(oldest.AddMinutes(o.LockoutMinutes));
            ModelState.AddModelError(string.Empty, t["Claim_Locked", LockedUntil]);
            return Page();
        }

        var hash = InvitationCode.Hash(Input.Code);
        var code = await db.Set<InvitationCode>().FirstOrDefaultAsync(c => c.CodeHash == hash, ct);
        if (code is null || !code.IsUsable(now))
        {
            db.Add(new ClaimAttempt(userId, ip, now, succeeded: false));
            await db.SaveChangesAsync(ct);
            var left = o.ClaimFailuresPerAccount - accountFailures.Count - 1;
            var why = code is null ? t["Claim_Wrong"] : code.UsedAt is not null ? t["Claim_Used"] : code.RevokedAt is not null ? t["Claim_Revoked"] : t["Claim_Expired"];
            ModelState.AddModelError(string.Empty, left > 0 ? t["Claim_TriesLeft", why, left] : t["Claim_Locked", Portal.Features.Shared.Shanghai.Format(now.AddMinutes(o.LockoutMinutes))]);
            return Page();
        }

        code.Redeem(userId, now);
        db.Add(new ClaimAttempt(userId, ip, now, succeeded: true));
        var alreadyOwner = await db.Set<ResidentLink>().AnyAsync(l => l.UserId == userId && l.FlatId == code.FlatId && l.UnlinkedAt == null && l.Relation == ResidentRelation.Owner, ct);
        if (!alreadyOwner)
            db.Add(new ResidentLink(userId, code.CompoundId, code.FlatId, ResidentRelation.Owner, now, $"letter:{code.Id}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, t["Claim_Used"]);
            return Page();
        }

        var compoundCode = await db.Set<Compound>().Where(c => c.Id == code.CompoundId).Select(c => c.Code).SingleAsync(ct);
        TempData["Flash"] = t["Claim_Done"].Value;
        return Redirect($"/c/{compoundCode}");
    }
}
