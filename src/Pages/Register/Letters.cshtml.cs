using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>
/// Invitation letters, one A4 page per flat, with a one-time code and its QR code. Codes are stored hashed,
/// so letters are printed when the codes are issued; a lost letter is reissued (the old code revoked).
/// </summary>
[Requires(Capability.VerifyResidents)]
public class LettersModel(PortalDb db, TimeProvider clock, IOptions<RegisterOptions> options, IStringLocalizer<RegisterText> t) : CompoundPageModel
{
    [BindProperty] public string? Building { get; set; }
    [BindProperty] public string? Entrance { get; set; }
    [BindProperty] public string? Room { get; set; }
    /// <summary>"new": flats without a usable code; "reissue": revoke and print again.</summary>
    [BindProperty] public string Mode { get; set; } = "new";

    public sealed record Letter(string Flat, string Code, string ClaimUrl, string QrDataUri, DateTimeOffset ExpiresAt);

    public List<string> Buildings { get; private set; } = [];
    public int FlatCount { get; private set; }
    public int FlatsWithUsableCode { get; private set; }
    public int ValidDays => options.Value.InvitationValidDays;
    public List<Letter> Letters { get; } = [];
    /// <summary>One print run is one building's worth; a city programme prints building by building.</summary>
    public const int MaxLettersAtOnce = 2_000;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Buildings = (await db.Set<Building>().Where(b => b.CompoundId == Compound.Id).Select(b => b.Name).ToListAsync(ct))
            .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
        FlatCount = await db.Set<Flat>().CountAsync(f => f.CompoundId == Compound.Id, ct);
        FlatsWithUsableCode = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == Compound.Id && c.UsedAt == null && c.RevokedAt == null && c.ExpiresAt > now)
            .Select(c => c.FlatId).Distinct().CountAsync(ct);
    }

    private async Task<List<(Flat Flat, string Label)>> SelectedFlatsAsync(CancellationToken ct)
    {
        var query = db.NamedFlats().Where(x => x.Flat.CompoundId == Compound.Id);
        if (!string.IsNullOrWhiteSpace(Building)) query = query.Where(x => x.Building == Building.Trim());
        if (!string.IsNullOrWhiteSpace(Entrance)) query = query.Where(x => x.Entrance == Entrance.Trim());
        if (!string.IsNullOrWhiteSpace(Room)) query = query.Where(x => x.Flat.Room == Room.Trim());
        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(x => x.Building.Length).ThenBy(x => x.Building, StringComparer.Ordinal)
            .ThenBy(x => x.Entrance, StringComparer.Ordinal).ThenBy(x => x.Flat.Floor).ThenBy(x => x.Flat.Room, StringComparer.Ordinal)
            .Select(x => (x.Flat, x.Label)).ToList();
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var flats = await SelectedFlatsAsync(ct);
        if (flats.Count > MaxLettersAtOnce)
        {
            ModelState.AddModelError(string.Empty, t["Letters_TooMany", flats.Count, MaxLettersAtOnce]);
            await LoadAsync(ct);
            return Page();
        }
        var ids = flats.Select(f => f.Flat.Id).ToList();
        var usable = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == Compound.Id && ids.Contains(c.FlatId) && c.UsedAt == null && c.RevokedAt == null && c.ExpiresAt > now)
            .ToListAsync(ct);
        var reissue = Mode == "reissue";
        if (reissue) usable.ForEach(c => c.Revoke(now));
        var skip = reissue ? [] : usable.Select(c => c.FlatId).ToHashSet();
        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        foreach (var (flat, label) in flats.Where(f => !skip.Contains(f.Flat.Id)))
        {
            var (code, plain) = InvitationCode.Issue(Compound.Id, flat.Id, now, TimeSpan.FromDays(ValidDays), CurrentUserId!);
            db.Add(code);
            var url = $"{baseUrl}/residents/claim?code={plain}";
            Letters.Add(new Letter(label, plain, url, QrCodes.PngDataUri(url, 4), code.ExpiresAt));
        }
        await db.SaveChangesAsync(ct);
        await LoadAsync(ct);
        if (Letters.Count == 0) TempData["Flash"] = t["Letters_NoneIssued"].Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = (await SelectedFlatsAsync(ct)).Select(f => f.Flat.Id).ToList();
        var usable = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == Compound.Id && ids.Contains(c.FlatId) && c.UsedAt == null && c.RevokedAt == null)
            .ToListAsync(ct);
        usable.ForEach(c => c.Revoke(now));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = t["Letters_Revoked", usable.Count].Value;
        return RedirectToPage("Letters", new { compound = Compound.Code });
    }
}
