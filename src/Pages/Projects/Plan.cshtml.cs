using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Features.Projects;
using Portal.Features.Shared;
using Portal.Files;

namespace Portal.Pages.Projects;

/// <summary>
/// The plan of one upgrade (改造方案) and its publication (方案公示): every version with its text, drawings, budget by
/// source, cost-sharing table and implementing body; residents' comments with the convener's answers; for conveners the
/// form that publishes the next version, and the phases they mark as skipped.
/// </summary>
[Requires(Capability.ViewCompound)]
public class PlanModel(PortalDb db, PlanVersions plans, TimeProvider clock, IStringLocalizer<ProjectsText> t, IStringLocalizer<FilesText> f,
    IStringLocalizer<SharedText> s, IStringLocalizer<Portal.Features.Funding.FundingText> ft) : CompoundPageModel
{
    /// <summary>Sources a plan's budget may name, in the order the form shows them.</summary>
    public static readonly IReadOnlyList<FundingSource> BudgetSources = Enum.GetValues<FundingSource>();

    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    /// <summary>The version shown (?v=2); the latest when absent.</summary>
    [BindProperty(SupportsGet = true, Name = "v")] public int? Shown { get; set; }

    public PlanItem Item { get; private set; } = null!;
    public List<PlanVersion> Versions { get; private set; } = [];
    public PlanVersion? Version { get; private set; }
    public List<PlanComment> Comments { get; private set; } = [];
    public List<PlanComment> Unanswered { get; private set; } = [];
    public Dictionary<string, string> Names { get; private set; } = [];
    public Dictionary<Guid, string> FileNames { get; private set; } = [];
    public CostSharingScheme? Scheme { get; private set; }
    /// <summary>The body that published each version, by its real name, by the publisher's id.</summary>
    public Dictionary<string, string> Publishers { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public int MinimumDays => plans.MinimumPublicationDays;
    /// <summary>Which form an error belongs to.</summary>
    public string? ErrorForm { get; private set; }

    [BindProperty] public PublishInput Input { get; set; } = new();
    [BindProperty] public string? CommentText { get; set; }

    public sealed class PublishInput
    {
        public string? Text { get; set; }
        public string? Changes { get; set; }
        public string? ImplementingBody { get; set; }
        public string? Designer { get; set; }
        public string? Contractor { get; set; }
        public string? Supervisor { get; set; }
        public Dictionary<string, string?> BudgetYuan { get; set; } = new();
        public int? PublicationDays { get; set; }
        public List<long> Answers { get; set; } = [];
    }

    public bool CanPublish => Membership.Can(Capability.PublishPlans);
    public bool MayComment => Version is { } v && v.InPublicationAt(Now) && Membership.Can(Capability.Participate) && Membership.IsResident;
    public bool IsLatest => Version is { } v && Versions.Count > 0 && v.Number == Versions[^1].Number;

    public string Author(string userId) => ShownName.Of(Names.GetValueOrDefault(userId), s);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var item = await db.Set<PlanItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == Id && i.CompoundId == Compound.Id, ct);
        if (item is null) return false;
        Item = item;
        Now = clock.GetUtcNow();
        Versions = await db.Set<PlanVersion>().AsNoTracking().Include(v => v.Documents).Include(v => v.Budget)
            .Where(v => v.PlanItemId == item.Id).OrderBy(v => v.Number).AsSplitQuery().ToListAsync(ct);
        Version = Shown is { } n ? Versions.FirstOrDefault(v => v.Number == n) : Versions.LastOrDefault();
        var all = await db.Set<PlanComment>().AsNoTracking().Where(c => c.PlanItemId == item.Id).OrderBy(c => c.At).ToListAsync(ct);
        Comments = Version is null ? [] : all.Where(c => c.PlanVersionId == Version.Id).ToList();
        Unanswered = all.Where(c => c.Answer is null).ToList();
        var people = all.Select(c => c.AuthorId).Concat(all.Where(c => c.AnsweredBy != null).Select(c => c.AnsweredBy!))
            .Concat(Versions.Select(v => v.PublishedBy)).Distinct().ToList();
        Names = await db.Set<PortalUser>().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var ids = Versions.SelectMany(v => v.Documents).Select(d => d.StoredFileId).ToList();
        FileNames = await db.Set<StoredFile>().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.FileName, ct);
        foreach (var publisher in Versions.Select(v => v.PublishedBy).Distinct())
            Publishers[publisher] = await ConvenerName.OfUserAsync(db, Compound, publisher, s, ct);
        Scheme = await db.Set<CostSharingScheme>().AsNoTracking().Include(x => x.Sources).FirstOrDefaultAsync(x => x.PlanItemId == item.Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Shown is not null && Version is null) return NotFound();
        Input.PublicationDays = MinimumDays;
        if (Versions.LastOrDefault() is { } last)
        {
            // The next version starts from the last one: the convener changes what changed.
            Input.Text = last.Text;
            Input.ImplementingBody = last.ImplementingBody;
            Input.Designer = last.Designer;
            Input.Contractor = last.Contractor;
            Input.Supervisor = last.Supervisor;
            foreach (var line in last.Budget) Input.BudgetYuan[line.Source.ToString()] = Money.FormatYuan(line.AmountFen);
        }
        return Page();
    }

    private IActionResult Done(string flashKey, int? version = null, string anchor = "")
    {
        TempData["Flash"] = t[flashKey].Value;
        return Redirect(PlanVersions.Link(Compound, Item.Id, version) + anchor);
    }

    /// <summary>A convener publishes the next version, with its drawings and documents, for a period of at least the minimum.</summary>
    [Requires(Capability.PublishPlans)]
    public async Task<IActionResult> OnPostPublishAsync(List<IFormFile> documents, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ErrorForm = "publish";
        Shown = null;
        var budget = new Dictionary<FundingSource, long>();
        foreach (var source in BudgetSources)
        {
            var text = Input.BudgetYuan.GetValueOrDefault(source.ToString());
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (Money.TryParseYuan(text, out var fen) && fen >= 0) budget[source] = fen;
            else ModelState.AddModelError($"Input.BudgetYuan[{source}]", t["Error_plan_version_budget_amount", ft[$"Source_{source}"].Value]);
        }
        if (Input.PublicationDays is null) ModelState.AddModelError("Input.PublicationDays", t["Error_plan_version_period_too_short", MinimumDays]);
        if (documents.Count > PlanVersion.MaxDocuments) ModelState.AddModelError(string.Empty, f["Upload_TooMany", PlanVersion.MaxDocuments]);
        if (!ModelState.IsValid) return Page();
        var draft = new PlanVersionDraft(Input.Text ?? "", Input.Changes, Input.ImplementingBody ?? "", Input.Designer, Input.Contractor,
            Input.Supervisor, budget, Input.PublicationDays!.Value);
        try
        {
            var version = await plans.PublishAsync(Compound, Item, draft, documents, Input.Answers, CurrentUserId!, ct);
            return Done("Flash_PlanPublished", version.Number);
        }
        catch (UploadRefusedException ex)
        {
            ModelState.AddModelError(string.Empty, f[$"Upload_{ex.Code}", ex.FileName]);
            return Page();
        }
        catch (DomainException ex) when (ex.Code == "plan_version.period_too_short")
        {
            ModelState.AddModelError("Input.PublicationDays", t["Error_plan_version_period_too_short", MinimumDays]);
            return Page();
        }
    }

    /// <summary>A resident comments on the version being published.</summary>
    [Requires(Capability.Participate)]
    public async Task<IActionResult> OnPostCommentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ErrorForm = "comment";
        if (Version is null) return NotFound();
        if (!Membership.IsResident) return Forbid();
        await plans.CommentAsync(await db.Set<PlanVersion>().AsNoTracking().FirstAsync(v => v.Id == Version.Id, ct), CommentText ?? "", CurrentUserId!, ct);
        return Done("Flash_PlanCommented", Version.Number, "#comments");
    }

    /// <summary>A convener answers one comment; its author is told.</summary>
    [Requires(Capability.PublishPlans)]
    public async Task<IActionResult> OnPostAnswerAsync(long commentId, string? answer, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ErrorForm = $"answer-{commentId}";
        var comment = await db.Set<PlanComment>().FirstOrDefaultAsync(c => c.Id == commentId && c.PlanItemId == Item.Id, ct);
        if (comment is null) return NotFound();
        await plans.AnswerAsync(Compound, Item, comment, answer ?? "", CurrentUserId!, ct);
        var number = Versions.FirstOrDefault(v => v.Id == comment.PlanVersionId)?.Number;
        return Done("Flash_PlanAnswered", number, "#comments");
    }

    /// <summary>A convener marks a phase of this upgrade as skipped, with the reason (shown on the upgrade's page).</summary>
    [Requires(Capability.PublishPlans)]
    public async Task<IActionResult> OnPostSkipAsync(PlanPhase phase, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        ErrorForm = "skip";
        await plans.SkipPhaseAsync(Item, phase, reason ?? "", CurrentUserId!, ct);
        TempData["Flash"] = t["Flash_PhaseSkipped", t[$"Phase_{phase}"].Value].Value;
        return Redirect(ProjectQueries.Link(Compound, Item.Id) + "#phases");
    }

    [Requires(Capability.PublishPlans)]
    public async Task<IActionResult> OnPostUnskipAsync(PlanPhase phase, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await plans.UnskipPhaseAsync(Item, phase, ct);
        TempData["Flash"] = t["Flash_PhaseUnskipped", t[$"Phase_{phase}"].Value].Value;
        return Redirect(ProjectQueries.Link(Compound, Item.Id) + "#phases");
    }
}
