using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>
/// Invitation letters, one A4 page per flat, with a one-time code and its QR code (<see cref="IssueLetters"/>). Codes are
/// stored hashed, so letters are printed when the codes are issued; a lost letter is reissued (the old code revoked).
/// </summary>
[Requires(Capability.VerifyResidents)]
public class LettersModel(PortalDb db, IssueLetters issue, RevokeLetters revoke, TimeProvider clock, IOptions<RegisterOptions> options,
    IStringLocalizer<RegisterText> t, IStringLocalizer<SharedText> shared) : CompoundPageModel
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
    /// <summary>The issuing unit, the date and the help desk at the foot of every letter.</summary>
    public PrintedBy PrintedBy { get; private set; } = null!;
    /// <summary>One print run is one building's worth; a city programme prints building by building.</summary>
    public const int MaxLettersAtOnce = IssueLetters.MaxAtOnce;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        PrintedBy = PrintedBy.Of(Compound, await ConvenerName.IssuingUnitAsync(db, Compound, CurrentUserId, shared, ct), now, shared);
        Buildings = (await db.Set<Building>().Where(b => b.CompoundId == Compound.Id).Select(b => b.Name).ToListAsync(ct))
            .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
        FlatCount = await db.Set<Flat>().CountAsync(f => f.CompoundId == Compound.Id, ct);
        FlatsWithUsableCode = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == Compound.Id && c.UsedAt == null && c.RevokedAt == null && c.ExpiresAt > now)
            .Select(c => c.FlatId).Distinct().CountAsync(ct);
    }

    private LetterSelection Selection => new(Building, Entrance, Room);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var run = await issue.IssueAsync(Compound.Id, Selection, reissue: Mode == "reissue", CurrentUserId!, ct);
        await LoadAsync(ct);
        if (run.TooMany)
        {
            ModelState.AddModelError(string.Empty, t["Letters_TooMany", run.Selected, MaxLettersAtOnce]);
            return Page();
        }
        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        foreach (var letter in run.Letters)
        {
            var url = $"{baseUrl}/residents/claim?code={letter.Code}";
            Letters.Add(new Letter(letter.Flat, letter.Code, url, QrCodes.PngDataUri(url, 4), letter.ExpiresAt));
        }
        if (Letters.Count == 0) TempData["Flash"] = t["Letters_NoneIssued"].Value;
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var revoked = await revoke.RevokeAsync(Compound.Id, Selection, ct);
        TempData["Flash"] = t[Plural.Key("Letters_Revoked", revoked), revoked].Value;
        return RedirectToPage("Letters", new { compound = Compound.Code });
    }
}
