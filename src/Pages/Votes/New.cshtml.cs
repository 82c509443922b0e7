using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Votes;
using Portal.Features.Register;

namespace Portal.Pages.Votes;

/// <summary>The committee puts a matter to the owners of the compound, a building or an entrance.</summary>
[Requires(Capability.RunVotes)]
public class NewModel(PortalDb db, CreateVote createVote, TimeProvider clock, IStringLocalizer<VotesText> t) : CompoundPageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public List<(string Value, string Label)> Scopes { get; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation_Required")]
        [StringLength(200)]
        public string Title { get; set; } = "";
        /// <summary>The rule's code (<see cref="VoteRuleKind.Code"/>).</summary>
        public string Rule { get; set; } = VoteRuleKind.Of<CivilCodeOrdinary>().Code;
        public string Scope { get; set; } = "compound";
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
        [Range(0, 60)] public int ObjectionPeriodDays { get; set; } = 7;
        [Range(0, 720)] public int ReminderHoursBefore { get; set; } = 24;
        public string? Options { get; set; }
        public string? QuorumArea { get; set; } = ">=2/3";
        public string? QuorumOwners { get; set; } = ">=2/3";
        public string? ApprovalArea { get; set; } = ">1/2";
        public string? ApprovalOwners { get; set; } = ">1/2";
        public long? ProposalId { get; set; }
        /// <summary>The matter's full text (Markdown).</summary>
        [StringLength(20000)] public string? Body { get; set; }
        public bool Elevator { get; set; }
        /// <summary>拟占用专有部分: flat labels (1-1-101), separated by commas, spaces or lines.</summary>
        public string? OccupiedFlats { get; set; }
        [StringLength(300)] public string? Matter2Title { get; set; }
        [StringLength(20000)] public string? Matter2Body { get; set; }
        [StringLength(300)] public string? Matter3Title { get; set; }
        [StringLength(20000)] public string? Matter3Body { get; set; }
    }

    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.ClosesAt = Shanghai.ToLocal(clock.GetUtcNow().AddDays(14)).DateTime.Date.AddHours(20);
        await LoadScopesAsync(ct);
    }

    private async Task LoadScopesAsync(CancellationToken ct)
    {
        Scopes.Add(("compound", t["Scope_Compound"]));
        var buildings = await db.Set<Building>().Where(b => b.CompoundId == Compound.Id).ToListAsync(ct);
        var entrances = await db.Set<Entrance>().Where(e => e.CompoundId == Compound.Id).ToListAsync(ct);
        foreach (var b in buildings.OrderBy(b => b.Name.Length).ThenBy(b => b.Name))
        {
            Scopes.Add(($"b:{b.Id}", t["Scope_Building", b.Name]));
            foreach (var e in entrances.Where(e => e.BuildingId == b.Id).OrderBy(e => e.Name.Length).ThenBy(e => e.Name))
                Scopes.Add(($"e:{e.Id}", t["Scope_Entrance", b.Name, e.Name]));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadScopesAsync(ct);
        if (Input.ClosesAt is null) ModelState.AddModelError("Input.ClosesAt", t["New_ClosesRequired"]);
        if (!VoteRuleKind.TryParse(Input.Rule, out var kind)) ModelState.AddModelError("Input.Rule", t["New_RuleInvalid"]);
        RuleLines? lines = null;
        if (kind is { TakesLines: true })
        {
            var parsed = new[] { (nameof(InputModel.QuorumArea), Input.QuorumArea), (nameof(InputModel.QuorumOwners), Input.QuorumOwners),
                (nameof(InputModel.ApprovalArea), Input.ApprovalArea), (nameof(InputModel.ApprovalOwners), Input.ApprovalOwners) }
                .Select(l => (l.Item1, Fraction: ParseLine(l.Item2))).ToList();
            foreach (var bad in parsed.Where(l => l.Fraction is null))
                ModelState.AddModelError("Input." + bad.Item1, t["New_LineInvalid"]);
            if (parsed.All(l => l.Fraction is not null))
                lines = new RuleLines(parsed[0].Fraction!, parsed[1].Fraction!, parsed[2].Fraction!, parsed[3].Fraction!);
        }
        var scope = await ScopeAsync(Input.Scope, ct);
        if (scope is null) ModelState.AddModelError("Input.Scope", t["New_ScopeInvalid"]);
        if (!ModelState.IsValid) return Page();

        var options = (Input.Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        if (options.Count == 1)
        {
            ModelState.AddModelError("Input.Options", t["New_OptionsTwo"]);
            return Page();
        }
        var occupied = new List<long>();
        var labels = (Input.OccupiedFlats ?? "").Split([',', '，', '、', ' ', '\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length > 0)
        {
            var named = (await db.NamedFlats().Where(f => f.Flat.CompoundId == Compound.Id).AsNoTracking().ToListAsync(ct))
                .ToDictionary(f => f.Label, f => f.Flat.Id);
            foreach (var label in labels)
            {
                if (named.TryGetValue(label.Trim(), out var flatId)) occupied.Add(flatId);
                else { ModelState.AddModelError("Input.OccupiedFlats", t["New_OccupiedUnknown", label.Trim()]); return Page(); }
            }
        }
        var more = new[] { (Input.Matter2Title, Input.Matter2Body), (Input.Matter3Title, Input.Matter3Body) }
            .Where(m => !string.IsNullOrWhiteSpace(m.Item1)).Select(m => new CreateVote.MoreMatter(m.Item1!, m.Item2)).ToList();
        var vote = await createVote.RunAsync(new CreateVote.NewVote(Compound.Id, Input.Title, kind.Create(lines), scope!,
            Input.OpensAt is { } o ? Shanghai.FromLocal(o) : null, Shanghai.FromLocal(Input.ClosesAt!.Value),
            Input.ObjectionPeriodDays, Input.ReminderHoursBefore, options, Input.ProposalId, Input.Body, Input.Elevator, occupied, more,
            Attachments), CurrentUserId!, ct);
        TempData["Flash"] = t["New_Created"].Value;
        return Redirect($"/c/{Compound.Code}/votes/{vote.Id}");
    }

    private async Task<Scope?> ScopeAsync(string value, CancellationToken ct)
    {
        if (value == "compound") return Scope.WholeCompound;
        if (value.StartsWith("b:") && long.TryParse(value[2..], out var b) &&
            await db.Set<Building>().AnyAsync(x => x.Id == b && x.CompoundId == Compound.Id, ct))
            return Scope.OfBuilding(b);
        if (value.StartsWith("e:") && long.TryParse(value[2..], out var e))
        {
            var entrance = await db.Set<Entrance>().FirstOrDefaultAsync(x => x.Id == e && x.CompoundId == Compound.Id, ct);
            if (entrance is not null) return Scope.OfEntrance(entrance.BuildingId, entrance.Id);
        }
        return null;
    }

    /// <summary>"&gt;=2/3" (at least, 以上) or "&gt;1/2" (more than, 过半数).</summary>
    public static Fraction? ParseLine(string? text)
    {
        text = text?.Trim().Replace("≥", ">=");
        if (string.IsNullOrEmpty(text)) return null;
        var inclusive = text.StartsWith(">=");
        if (!inclusive && !text.StartsWith('>')) return null;
        var parts = text[(inclusive ? 2 : 1)..].Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var n) || !int.TryParse(parts[1], out var d)) return null;
        if (d <= 0 || n < 0 || n > d || d > 1000) return null;
        return new Fraction(n, d, inclusive);
    }
}
