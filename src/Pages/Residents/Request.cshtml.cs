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
using Portal.Web;

using Portal.Features.Residents;
using Portal.Features.Register;

namespace Portal.Pages.Residents;

/// <summary>Without a letter: ask the compound's committee to link this account to a flat; shows my requests and their status.</summary>
[Authorize]
public class RequestModel(PortalDb db, TimeProvider clock, IStringLocalizer<ResidentsText> t) : PageModel
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
                          join f in db.NamedFlats() on r.FlatId equals f.Flat.Id
                          where r.UserId == userId
                          orderby r.Id descending
                          select new { c.Name, Flat = f, r.Relation, r.Status, r.DecisionReason, r.RequestedAt })
            .ToListAsync(ct);
        MyRequests = mine.Select(m => new Mine(m.Name, m.Flat.Label, m.Relation, m.Status, m.DecisionReason, m.RequestedAt)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Input.Relation)) ModelState.AddModelError("Input.Relation", t["Request_BadRelation"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var code = Domain.Register.Compound.NormaliseCode(Input.Compound);
        var flat = await (from f in db.NamedFlats()
                          join c in db.Set<Compound>() on f.Flat.CompoundId equals c.Id
                          where c.Code == code && f.Building == Input.Building.Trim() && f.Entrance == Input.Entrance.Trim() && f.Flat.Room == Input.Room.Trim()
                          select f.Flat).FirstOrDefaultAsync(ct);
        if (flat is null)
        {
            ModelState.AddModelError(string.Empty, t["Request_NoSuchFlat"]);
            await LoadAsync(ct);
            return Page();
        }
        var userId = CompoundAccess.UserId(User)!;
        if (await db.Set<LinkRequest>().AnyAsync(r => r.UserId == userId && r.FlatId == flat.Id && r.Status == LinkRequestStatus.Pending, ct))
        {
            ModelState.AddModelError(string.Empty, t["Request_AlreadyPending"]);
            await LoadAsync(ct);
            return Page();
        }
        db.Add(new LinkRequest(userId, flat.CompoundId, flat.Id, Input.Relation, Input.Note, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = t["Request_Sent"].Value;
        return RedirectToPage("Request");
    }
}
