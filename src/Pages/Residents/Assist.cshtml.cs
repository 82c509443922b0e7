using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Residents;
using Portal.Files;

namespace Portal.Pages.Residents;

/// <summary>
/// 楼门长代办 (<see cref="AssistSignUp"/>): the flats of the helper's building or entrance whose owner has no account; for
/// one of them, the owner's phone, then the SMS code the owner reads out, or a photo of the signed consent form.
/// </summary>
[Requires(Capability.AssistSignUp)]
public class AssistModel(AssistSignUp assist, PortalDb db, TimeProvider clock, IStringLocalizer<ResidentsText> t,
    IStringLocalizer<AccountText> a, IStringLocalizer<FilesText> f) : CompoundPageModel
{
    /// <summary>Which form the page shows for the chosen flat: the phone, the code, or the consent form.</summary>
    public enum Form { Phone, Code, ConsentForm }

    public List<AssistableFlat> Flats { get; private set; } = [];
    public bool Truncated { get; private set; }
    public List<(long Id, string Name)> Buildings { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public long? Building { get; set; }

    /// <summary>The chosen flat; null shows the list.</summary>
    public AssistableFlat? Selected { get; private set; }
    public Form Shown { get; private set; }
    /// <summary>Why the consent form: the register holds another phone (true) or none (false).</summary>
    public bool RegisterHasPhone { get; private set; }
    public bool ConsentFormChosen { get; private set; }

    [BindProperty] public long FlatId { get; set; }
    [BindProperty] public string Phone { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public bool Consent { get; set; }
    [BindProperty] public IFormFile? ConsentForm { get; set; }

    public string MaskedPhone => PhoneNumberRules.Mask(Phone);

    public async Task<IActionResult> OnGetAsync([FromQuery] long? flat, CancellationToken ct)
    {
        if (flat is null)
        {
            await LoadListAsync(ct);
            return Page();
        }
        FlatId = flat.Value;
        return await SelectAsync(ct) ?? Page();
    }

    /// <summary>The owner's phone: an SMS code when it is the register's, else the consent form.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await SelectAsync(ct) is { } refused) return refused;
        if (ParsePhone() is not { } phone) return Page();
        return Show(await assist.StartAsync(Compound, Membership, CurrentUserId!, Ip, Selected!.FlatId, phone, ct));
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (await SelectAsync(ct) is { } refused) return refused;
        if (ParsePhone() is not { } phone) return Page();
        Shown = Form.Code;
        if (!Consent) ModelState.AddModelError(nameof(Consent), t["Assist_ConsentRequired"]);
        if (string.IsNullOrWhiteSpace(Code)) ModelState.AddModelError(nameof(Code), t["Assist_CodeRequired"]);
        if (!ModelState.IsValid) return Page();
        var result = await assist.ConfirmAsync(Compound, Membership, CurrentUserId!, Selected!.FlatId, phone, Code, Consent, ct);
        if (result.Step != AssistStep.Registered) return Show(result);
        TempData["Flash"] = t["Assist_Registered", Selected.Label].Value;
        return Redirect($"/c/{Compound.Code}/assist");
    }

    /// <summary>The owner cannot receive the SMS now: the consent form instead.</summary>
    public async Task<IActionResult> OnPostUseConsentFormAsync(CancellationToken ct)
    {
        if (await SelectAsync(ct) is { } refused) return refused;
        if (ParsePhone() is null) return Page();
        Shown = Form.ConsentForm;
        ConsentFormChosen = true;
        return Page();
    }

    public async Task<IActionResult> OnPostConsentFormAsync(CancellationToken ct)
    {
        if (await SelectAsync(ct) is { } refused) return refused;
        if (ParsePhone() is not { } phone) return Page();
        Shown = Form.ConsentForm;
        ConsentFormChosen = true;
        if (ConsentForm is null)
        {
            ModelState.AddModelError(nameof(ConsentForm), t["Error_assist_consent_form_required"]);
            return Page();
        }
        try
        {
            await assist.RequestWithConsentFormAsync(Compound, Membership, CurrentUserId!, Selected!.FlatId, phone, ConsentForm, ct);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError(nameof(ConsentForm), f[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = t["Assist_Requested", Selected.Label].Value;
        return Redirect($"/c/{Compound.Code}/assist");
    }

    private string? Ip => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>
    /// Loads the posted flat. A flat of another compound is not found; one outside a building lead's own building or
    /// entrance is refused here, before anything is sent (the use case refuses it again).
    /// </summary>
    private async Task<IActionResult?> SelectAsync(CancellationToken ct)
    {
        var flat = await assist.FlatAsync(Compound, FlatId, ct);
        if (flat is null) return NotFound();
        if (!Membership.MayAssistSignUpAt(flat.BuildingId, flat.EntranceId)) return Forbid();
        Selected = flat;
        Shown = Form.Phone;
        return null;
    }

    /// <summary>The phone typed, in E.164; null with the reason in the form (and the phone form shown) when it is not a mainland mobile.</summary>
    private string? ParsePhone()
    {
        var (e164, error) = PhoneNumberRules.Parse(Phone);
        if (e164 is null)
        {
            Shown = Form.Phone;
            ModelState.AddModelError(nameof(Phone), a[error!]);
            return null;
        }
        Phone = e164;
        return e164;
    }

    private IActionResult Show(AssistResult result)
    {
        ModelState.Remove(nameof(Code));
        Code = "";
        switch (result.Step)
        {
            case AssistStep.NeedsConsentForm:
                Shown = Form.ConsentForm;
                RegisterHasPhone = result.RegisterHasPhone;
                return Page();
            case AssistStep.CodeSent:
                Shown = Form.Code;
                break;
        }
        if (result.Refusal is { } refusal)
        {
            string message = refusal switch
            {
                AssistRefusal.CodeTooSoon => SmsWait.Text(a, result.TryAgainAt ?? clock.GetUtcNow(), clock.GetUtcNow()),
                AssistRefusal.CodeNotSent => a["Sms_ProviderFailed"],
                AssistRefusal.CodeWrong => a["Code_Wrong", result.TriesLeft],
                AssistRefusal.CodeExpired => a["Code_Expired"],
                _ => a["Code_Voided"],
            };
            ModelState.AddModelError(refusal is AssistRefusal.CodeTooSoon or AssistRefusal.CodeNotSent ? string.Empty : nameof(Code), message);
        }
        return Page();
    }

    private async Task LoadListAsync(CancellationToken ct)
    {
        var flats = await assist.WaitingAsync(Compound, Membership, Building, ct);
        Truncated = flats.Count > AssistSignUp.ListLimit;
        Flats = flats.Take(AssistSignUp.ListLimit).ToList();
        var buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == Compound.Id)
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.Name }).ToListAsync(ct);
        var entrances = await db.Set<Entrance>().AsNoTracking().Where(e => e.CompoundId == Compound.Id)
            .Select(e => new { e.Id, e.BuildingId }).ToListAsync(ct);
        Buildings = buildings.Where(b => entrances.Any(e => e.BuildingId == b.Id && Membership.MayAssistSignUpAt(b.Id, e.Id)))
            .Select(b => (b.Id, b.Name)).ToList();
    }
}
