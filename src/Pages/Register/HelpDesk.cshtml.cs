using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Features.Shared;

namespace Portal.Pages.Register;

/// <summary>
/// Who issues the compound's letters and printed notices, and the help desk printed on them for residents without a
/// smartphone (<see cref="SetHelpDesk"/>).
/// </summary>
[Requires(Capability.ManageRegister)]
public class HelpDeskModel(PortalDb db, SetHelpDesk setHelpDesk, IStringLocalizer<RegisterText> t, IStringLocalizer<SharedText> shared) : CompoundPageModel
{
    public const int MaxLength = Compound.HelpDeskFieldMaxLength;

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Field_IssuingUnit")]
        [StringLength(MaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? IssuingUnit { get; set; }

        [Display(Name = "Field_HelpPhone")]
        [StringLength(MaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? HelpPhone { get; set; }

        [Display(Name = "Field_HelpPlace")]
        [StringLength(MaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? HelpPlace { get; set; }

        [Display(Name = "Field_HelpHours")]
        [StringLength(MaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? HelpHours { get; set; }

        [Display(Name = "Field_PropertyCompany")]
        [StringLength(MaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? PropertyCompany { get; set; }
    }

    /// <summary>What a letter this user prints says while the issuing unit is empty: their own body's name.</summary>
    public string IssuingUnitFallback { get; private set; } = "";

    private async Task LoadAsync(CancellationToken ct) =>
        IssuingUnitFallback = await ConvenerName.BodyOfAsync(db, Compound, CurrentUserId, shared, ct)
                              ?? await ConvenerName.OfCompoundAsync(db, Compound, shared, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new InputModel
        {
            IssuingUnit = Compound.IssuingUnit,
            HelpPhone = Compound.HelpPhone,
            HelpPlace = Compound.HelpPlace,
            HelpHours = Compound.HelpHours,
            PropertyCompany = Compound.PropertyCompany,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        await setHelpDesk.RunAsync(Compound.Id, new SetHelpDesk.HelpDesk(Input.IssuingUnit, Input.HelpPhone, Input.HelpPlace, Input.HelpHours, Input.PropertyCompany), ct);
        TempData["Flash"] = t["HelpDesk_Saved"].Value;
        return RedirectToPage("HelpDesk", new { compound = Compound.Code });
    }
}
