using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Projects;

namespace Portal.Pages.Projects;

/// <summary>
/// One plan item from plan to acceptance: its status, the construction timeline, problem reports, the owners'
/// satisfaction survey, the residents' representatives' acceptance opinions and the acceptance record. Each form posts
/// to its own handler, which calls one use case.
/// </summary>
[Requires(Capability.ViewCompound)]
public class ItemModel(PortalDb db, ProjectQueries queries, MovePlanItem moving, PostConstructionUpdate posting, ReportProblem reporting,
    AnswerProblem answering, ReopenProblem reopening, RateWorks rateWorks, GiveAcceptanceOpinion opining, RecordAcceptance accepting, TimeProvider clock,
    IStringLocalizer<ProjectsText> T, IStringLocalizer<FilesText> F) : CompoundPageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public PlanItem Item { get; private set; } = null!;
    public string ScopeLabel { get; private set; } = "";
    public List<ConstructionUpdate> Updates { get; private set; } = [];
    public List<ProblemReport> Problems { get; private set; } = [];
    public SatisfactionSurvey? Survey { get; private set; }
    public SurveyResults? Results { get; private set; }
    public List<RatableFlat> MyFlats { get; private set; } = [];
    public AcceptanceRecord? Acceptance { get; private set; }
    public List<OpinionLine> Opinions { get; private set; } = [];
    public OpinionCounts OpinionCounts { get; private set; } = OpinionCounts.None;
    /// <summary>The capacity in which the viewer represents the residents of this item's scope, if they do.</summary>
    public Representative? AsRepresentative { get; private set; }
    /// <summary>The building (and entrance) the viewer leads or owns a flat in, as the opinion form names it.</summary>
    public string RepresentativeWhere { get; private set; } = "";
    public OpinionLine? MyOpinion { get; private set; }
    public bool HasAcceptanceStage => Item.Status is PlanItemStatus.Completed or PlanItemStatus.Accepted;
    /// <summary>The viewer represents the residents of the scope and the works await acceptance.</summary>
    public bool ShowsOpinionForm => AsRepresentative is not null && Item.Status == PlanItemStatus.Completed && Acceptance is null;
    public Dictionary<Guid, string> FileNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>Which form an error belongs to, so the page shows it there with what was typed.</summary>
    public string? ErrorForm { get; private set; }
    public List<string> Errors { get; } = [];

    public UpdateInput Update { get; set; } = new();
    public ReportInput Report { get; set; } = new();
    public AcceptInput Accept { get; set; } = new();
    public OpinionInput Opinion { get; set; } = new();

    public sealed class UpdateInput
    {
        public string? Text { get; set; }
        public DateOnly? WorkDate { get; set; }
        public int? PercentDone { get; set; }
    }

    public sealed class ReportInput
    {
        public ProblemKind Kind { get; set; } = ProblemKind.Other;
        public string? Text { get; set; }
    }

    public sealed class OpinionInput
    {
        public AcceptanceVerdict? Verdict { get; set; }
        public string? Text { get; set; }
    }

    public sealed class AcceptInput
    {
        public string? OrganisedBy { get; set; }
        public DateOnly? AcceptedOn { get; set; }
        public string? Notes { get; set; }
    }

    private async Task<bool> LoadItemAsync(CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().FirstOrDefaultAsync(i => i.Id == Id && i.CompoundId == Compound.Id, ct);
        if (item is null) return false;
        Item = item;
        Now = clock.GetUtcNow();
        return true;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ScopeLabel = await ScopeLabelAsync(ct);
        Updates = await db.Set<ConstructionUpdate>().AsNoTracking().Include(u => u.Photos).Where(u => u.PlanItemId == Item.Id)
            .OrderByDescending(u => u.WorkDate).ThenByDescending(u => u.Id).ToListAsync(ct);
        Problems = await db.Set<ProblemReport>().AsNoTracking().Include(p => p.Photos).Where(p => p.PlanItemId == Item.Id)
            .OrderBy(p => p.Status).ThenByDescending(p => p.Id).ToListAsync(ct);
        Survey = await db.Set<SatisfactionSurvey>().AsNoTracking().FirstOrDefaultAsync(s => s.PlanItemId == Item.Id, ct);
        if (Survey is not null)
        {
            Results = await queries.SurveyResultsAsync(Survey, Item, ct);
            MyFlats = await queries.RatableFlatsAsync(Survey, Item, Membership, ct);
        }
        // Opinions exist only once the works are completed (completed works are accepted or stay completed).
        if (HasAcceptanceStage)
        {
            Opinions = await queries.OpinionsAsync(Item.Id, ct);
            OpinionCounts = OpinionCounts.Of(Opinions.Select(o => o.Verdict));
            MyOpinion = Opinions.FirstOrDefault(o => o.UserId == CurrentUserId);
            AsRepresentative = Membership.Can(Capability.GiveAcceptanceOpinion) ? Representative.Of(Membership, Item) : null;
            if (AsRepresentative is { } rep) RepresentativeWhere = await PlaceLabelAsync(rep.BuildingId, rep.EntranceId, ct);
        }
        Acceptance = await db.Set<AcceptanceRecord>().AsNoTracking().Include(a => a.Documents).FirstOrDefaultAsync(a => a.PlanItemId == Item.Id, ct);
        if (Acceptance is not null)
        {
            var ids = Acceptance.Documents.Select(d => d.StoredFileId).ToList();
            FileNames = await db.Set<StoredFile>().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FileName, ct);
        }
    }

    private async Task<string> ScopeLabelAsync(CancellationToken ct) =>
        Item.ScopeKind == ScopeKind.Compound ? T["Scope_Compound"]
        : await PlaceLabelAsync(Item.BuildingId!.Value, Item.ScopeKind == ScopeKind.Entrance ? Item.EntranceId : null, ct);

    /// <summary>"2号楼" or "2号楼1单元".</summary>
    private async Task<string> PlaceLabelAsync(long buildingId, long? entranceId, CancellationToken ct)
    {
        var building = await db.Set<Building>().Where(b => b.Id == buildingId).Select(b => b.Name).FirstOrDefaultAsync(ct) ?? "";
        if (entranceId is null) return T["Scope_Building", building];
        var entrance = await db.Set<Entrance>().Where(e => e.Id == entranceId).Select(e => e.Name).FirstOrDefaultAsync(ct) ?? "";
        return T["Scope_Entrance", building, entrance];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A refusal after <see cref="PrepareAsync"/>: the page is already loaded.</summary>
    private IActionResult Refused(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task<IActionResult> Refused(string form, CancellationToken ct, params string[] messages)
    {
        ErrorForm = form;
        Errors.AddRange(messages);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// Before a use case runs: the page is loaded and the form named, so a refusal (a DomainException turned into a
    /// model-state message by the page filter) is shown next to that form.
    /// </summary>
    private async Task PrepareAsync(string form, CancellationToken ct)
    {
        ErrorForm = form;
        await LoadAsync(ct);
    }

    private IActionResult Done(string flashKey, params object[] args)
    {
        TempData["Flash"] = T[flashKey, args].Value;
        return RedirectToPage("/Projects/Item", new { compound = Compound.Code, id = Item.Id });
    }

    /// <summary>Moves the item along: planned → approved → tendering → in construction → completed (or cancelled).</summary>
    [Requires(Capability.PostConstructionUpdates)]
    public async Task<IActionResult> OnPostMoveAsync(PlanItemStatus to, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        // Acceptance has its own form, with its date and documents.
        if (to is PlanItemStatus.Accepted) return Forbid();
        await PrepareAsync("move", ct);
        if (!await moving.MoveAsync(Compound, Item, to, Membership, ct)) return Forbid();
        return Done("Flash_Moved", T[$"Status_{to}"].Value);
    }

    /// <summary>The property manager or committee posts progress with photos; residents in scope hear about it.</summary>
    [Requires(Capability.PostConstructionUpdates)]
    public async Task<IActionResult> OnPostUpdateAsync([Bind(Prefix = "Update")] UpdateInput input, List<IFormFile> photos, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        Update = input;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Text)) errors.Add(T["Error_update_text_required"]);
        if (input.PercentDone is not (>= 0 and <= 100)) errors.Add(T["Error_update_percent_out_of_range"]);
        if (photos.Count > ConstructionUpdate.MaxPhotos) errors.Add(F["Upload_TooMany", ConstructionUpdate.MaxPhotos]);
        if (errors.Count > 0) return await Refused("update", ct, [.. errors]);

        var workDate = input.WorkDate ?? DateOnly.FromDateTime(Shanghai.ToLocal(Now).DateTime);
        await PrepareAsync("update", ct);
        try
        {
            await posting.PostAsync(Compound, Item, input.Text!, workDate, input.PercentDone!.Value, photos, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex) { return Refused(F[$"Upload_{ex.Code}", ex.FileName]); }
        return Done("Flash_UpdatePosted");
    }

    /// <summary>A resident reports a problem with the works (问题反馈), with photos.</summary>
    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostReportAsync([Bind(Prefix = "Report")] ReportInput input, List<IFormFile> photos, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        Report = input;
        if (!Enum.IsDefined(input.Kind)) return await Refused("report", ct, T["Error_Category"]);
        if (photos.Count > ProblemReport.MaxPhotos) return await Refused("report", ct, F["Upload_TooMany", ProblemReport.MaxPhotos]);
        await PrepareAsync("report", ct);
        try
        {
            await reporting.ReportAsync(Compound, Item, input.Kind, input.Text ?? "", photos, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex) { return Refused(F[$"Upload_{ex.Code}", ex.FileName]); }
        return Done("Flash_ProblemReported");
    }

    /// <summary>The committee or property manager answers a report and closes it; the reporter is told.</summary>
    [Requires(Capability.AnswerProblemReports)]
    public async Task<IActionResult> OnPostAnswerAsync(long reportId, string? answer, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        var report = await FindReportAsync(reportId, ct);
        if (report is null) return NotFound();
        await PrepareAsync($"answer-{reportId}", ct);
        await answering.AnswerAsync(Compound, Item, report, answer ?? "", CurrentUserId!, ct);
        return Done("Flash_ProblemAnswered");
    }

    /// <summary>The reporter reopens a closed report, once.</summary>
    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostReopenAsync(long reportId, string? reason, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        var report = await FindReportAsync(reportId, ct);
        if (report is null) return NotFound();
        if (report.ReportedBy != CurrentUserId) return Forbid();
        await PrepareAsync($"reopen-{reportId}", ct);
        await reopening.ReopenAsync(report, CurrentUserId!, reason ?? "", ct);
        return Done("Flash_ProblemReopened");
    }

    private Task<ProblemReport?> FindReportAsync(long reportId, CancellationToken ct) =>
        db.Set<ProblemReport>().FirstOrDefaultAsync(p => p.Id == reportId && p.PlanItemId == Item.Id, ct);

    /// <summary>An owner rates the completed item for one of their flats in scope; rating again changes the answer.</summary>
    [Requires(Capability.CastBallot)]
    public async Task<IActionResult> OnPostRateAsync(long flatId, int rating, string? comment, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        await PrepareAsync("rate", ct);
        var outcome = await rateWorks.RateAsync(Item, Membership, flatId, rating, comment, CurrentUserId!, ct);
        return outcome switch
        {
            RateOutcome.NotYourFlat => Forbid(),
            // Two co-owners answered for the same flat at once: ask to try again.
            RateOutcome.Conflict => Refused(T["Error_RateConflict"]),
            RateOutcome.Rated => Done("Flash_Rated"),
            _ => Done("Flash_RatingChanged"),
        };
    }

    /// <summary>
    /// A residents' representative of the item's scope (building lead or owner) gives their acceptance opinion while the
    /// works are completed and not yet accepted; giving it again replaces theirs.
    /// </summary>
    [Requires(Capability.GiveAcceptanceOpinion)]
    public async Task<IActionResult> OnPostOpinionAsync([Bind(Prefix = "Opinion")] OpinionInput input, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        Opinion = input;
        await PrepareAsync("opinion", ct);
        // Without the form on the page (outside the scope, works not completed or already accepted) the refusal shows at the top.
        if (!ShowsOpinionForm) ErrorForm = null;
        if (input.Verdict is not { } verdict || !Enum.IsDefined(verdict)) return Refused(T["Error_acceptance_opinion_verdict"]);
        var first = await opining.GiveAsync(Item, Membership, CurrentUserId!, verdict, input.Text, ct);
        return Done(first ? "Flash_OpinionGiven" : "Flash_OpinionReplaced");
    }

    /// <summary>
    /// A convener records the acceptance that the implementing body (实施主体) organised, with its date and documents;
    /// the representatives' opinions are kept as they stood and the item becomes Accepted.
    /// </summary>
    [Requires(Capability.ManageProjects)]
    public async Task<IActionResult> OnPostAcceptAsync([Bind(Prefix = "Accept")] AcceptInput input, List<IFormFile> documents, CancellationToken ct)
    {
        if (!await LoadItemAsync(ct)) return NotFound();
        Accept = input;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.OrganisedBy)) errors.Add(T["Error_acceptance_organised_by_required"]);
        else if (input.OrganisedBy.Trim().Length > AcceptanceRecord.OrganisedByMaxLength) errors.Add(T["Error_acceptance_organised_by_too_long"]);
        if (input.AcceptedOn is null) errors.Add(T["Error_AcceptedOn"]);
        if (errors.Count > 0) return await Refused("accept", ct, [.. errors]);
        await PrepareAsync("accept", ct);
        try
        {
            await accepting.RecordAsync(Item, input.OrganisedBy!, input.AcceptedOn!.Value, input.Notes ?? "", documents, CurrentUserId!, ct);
        }
        catch (UploadRefusedException ex) { return Refused(F[$"Upload_{ex.Code}", ex.FileName]); }
        return Done("Flash_Accepted");
    }

    /// <summary>The moves this viewer may make from the current status.</summary>
    public IEnumerable<PlanItemStatus> NextMoves()
    {
        if (!Membership.Can(Capability.PostConstructionUpdates)) yield break;
        foreach (var to in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed, PlanItemStatus.Cancelled })
            if (PlanItem.CanMove(Item.Status, to) && MovePlanItem.MayMove(Membership, to))
                yield return to;
    }
}
