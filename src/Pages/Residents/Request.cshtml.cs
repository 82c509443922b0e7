using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Features.Residents;

namespace Portal.Pages.Residents;

/// <summary>Without a letter: ask (<see cref="RequestLink"/>) the compound's committee to link this account to a flat; shows my requests and their status.</summary>
[Authorize]
public class RequestModel(PortalDb db, RequestLink request, IStringLocalizer<ResidentsText> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")] [Display(Name = "Field_Compound")] public string Compound { get; set; } = "";
        [Required(ErrorMessage = "Validation_Required")][StringLength(50, ErrorMessage = "Validation_MaxLength")] [Display(Name = "Field_Building")] public string Building { get; set; } = "";
        [Required(ErrorMessage = "Validation_Required")][StringLength(50, ErrorMessage = "Validation_MaxLength")] [Display(Name = "Field_Entrance")] public string Entrance { get; set; } = "";
        [Required(ErrorMessage = "Validation_Required")][StringLength(50, ErrorMessage = "Validation_MaxLength")] [Display(Name = "Field_Room")] public string Room { get; set; } = "";
        public ResidentRelation Relation { get; set; } = ResidentRelation.Owner;
        [StringLength(500, ErrorMessage = "Validation_MaxLength")] [Display(Name = "Field_Note")] public string? Note { get; set; }
    }

    public sealed record CompoundChoice(string Code, string Name, string District);
    public sealed record Mine(string Compound, string Flat, ResidentRelation Relation, LinkRequestStatus Status, string? Reason, DateTimeOffset At);

    public List<CompoundChoice> Compounds { get; private set; } = [];
    public List<Mine> MyRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Compounds = await db.Set<Compound>().OrderBy(c => c.City).ThenBy(c => c.Name)
            .Select(c => new CompoundChoice(c.Code, c.Name, c.District)).ToListAsync(ct);
        var userId = CompoundAccess.UserId(User);
        var mine = await (from r in db.Set<LinkRequest>()
                          join c in db.Set<Compound>() on r.CompoundId equals c.Id
                          join f in db.Set<Flat>() on r.FlatId equals f.Id
                          join b in db.Set<Building>() on f.BuildingId equals b.Id
                          join e in db.Set<Entrance>() on f.EntranceId equals e.Id
                          where r.UserId == userId
                          orderby r.Id descending
                          select new { c.Name, Building = b.Name, Entrance = e.Name, f.Room, r.Relation, r.Status, r.DecisionReason, r.RequestedAt })
            .ToListAsync(ct);
        MyRequests = mine.Select(m => new Mine(m.Name, FlatLabel.Of(m.Building, m.Entrance, m.Room), m.Relation, m.Status, m.DecisionReason, m.RequestedAt)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        await request.RequestAsync(CompoundAccess.UserId(User)!, Input.Compound, Input.Building, Input.Entrance, Input.Room, Input.Relation, Input.Note, ct);
        TempData["Flash"] = t["Request_Sent"].Value;
        return RedirectToPage("Request");
    }
}
