using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Files;
using Portal.Features.Shared;

using Portal.Features.Notices;

namespace Portal.Pages.Notices;

/// <summary>Posting a notice (<see cref="PublishNotice"/>): to the whole compound, some buildings or some entrances; now or at a set time.</summary>
[Requires(Capability.PostNotices)]
public class NewModel(PortalDb db, PublishNotice publish, IStringLocalizer<NoticesText> t, IStringLocalizer<FilesText> filesText) : CompoundPageModel
{
    public const int MaxAttachments = 5;

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public List<Building> Buildings { get; private set; } = [];
    public List<Entrance> Entrances { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(Notice.TitleMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string Title { get; set; } = "";

        [StringLength(Notice.BodyMaxLength, ErrorMessage = "Validation_MaxLength")]
        public string? Body { get; set; }

        public NoticeCategory Category { get; set; } = NoticeCategory.General;
        public NoticeReach Reach { get; set; } = NoticeReach.Compound;
        public List<long> BuildingIds { get; set; } = [];
        public List<long> EntranceIds { get; set; } = [];
        public bool Pinned { get; set; }
        public bool RequiresAcknowledgement { get; set; }
        public bool Urgent { get; set; }
        /// <summary>Shanghai local time; empty publishes now.</summary>
        public DateTime? PublishAt { get; set; }
        public DateTime? ExpiresAt { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Attachments.Count > MaxAttachments)
            ModelState.AddModelError(nameof(Attachments), filesText["Upload_TooMany", MaxAttachments]);
        var targets = Input.Reach switch
        {
            NoticeReach.Buildings => Input.BuildingIds.Where(id => Buildings.Any(b => b.Id == id)).ToList(),
            NoticeReach.Entrances => Input.EntranceIds.Where(id => Entrances.Any(e => e.Id == id)).ToList(),
            _ => [],
        };
        if (!ModelState.IsValid) return Page();

        var draft = new NoticeDraft(Input.Title, Input.Body, Input.Category, Input.Reach, targets, Input.Pinned, Input.RequiresAcknowledgement,
            Input.PublishAt is { } p ? Shanghai.FromLocal(p) : null, Input.ExpiresAt is { } e ? Shanghai.FromLocal(e) : null, Input.Urgent);
        Notice notice;
        try
        {
            notice = await publish.PublishAsync(Compound.Id, draft, Attachments, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError(nameof(Attachments), filesText[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        TempData["Flash"] = notice.IsPublished ? t["Post_Published"].Value : t["Post_Scheduled", Shanghai.Format(notice.PublishAt)].Value;
        return RedirectToPage("Detail", new { compound = Compound.Code, id = notice.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Buildings = await db.Set<Building>().AsNoTracking().Where(b => b.CompoundId == Compound.Id).OrderBy(b => b.Id).ToListAsync(ct);
        Entrances = await db.Set<Entrance>().AsNoTracking().Where(e => e.CompoundId == Compound.Id).OrderBy(e => e.BuildingId).ThenBy(e => e.Id).ToListAsync(ct);
    }
}
