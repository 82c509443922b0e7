using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

using Portal.Features.Votes;
using Portal.Features.Register;
using Portal.Features.Shared;

namespace Portal.Pages.Votes;

/// <summary>
/// The result notice (表决结果公告, printable A4 with a QR code: convener, each matter's text and legal basis, the
/// counts with percentages, participation by channel, the scrutineers, the public-notice period, how to object and the
/// right to go to court), the objections and their answers, publishing the final result, and the receipt list
/// (receipt code and choice only: no names, no flats). While the vote is still to be counted, it says when the result follows.
/// </summary>
[Requires(Capability.ViewCompound)]
public class ResultModel(PortalDb db, VoteCounter counter, TimeProvider clock, IStringLocalizer<VotesText> t,
    IStringLocalizer<Portal.Features.Shared.SharedText> shared) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;
    /// <summary>Draft or open: no result yet, only when it follows.</summary>
    public bool Pending { get; private set; }
    /// <summary>The body that convened the vote and signs the notice, e.g. 梨花小区业主委员会.</summary>
    public string Convener { get; private set; } = "";
    /// <summary>Flats of the frozen electorate (headcount counts owners of record, who may hold several).</summary>
    public int ElectorateFlats { get; private set; }
    public IReadOnlyDictionary<(long MatterId, string Channel), Weight> ByChannel { get; private set; } = new Dictionary<(long, string), Weight>();
    public Dictionary<long, Matter> MatterTexts { get; private set; } = [];
    public List<MatterResult> Results { get; private set; } = [];
    public Dictionary<long, string> OptionLabels { get; private set; } = [];
    public List<Objection> Objections { get; private set; } = [];
    public List<(string Receipt, string Choices)> Receipts { get; } = [];
    public string ResultUrl { get; private set; } = "";
    public bool AcceptsObjections { get; private set; }
    public bool CanPublishFinal { get; private set; }
    public List<VoteScrutineer> Scrutineers { get; private set; } = [];
    /// <summary>While counting, the numbers are for the committee and the scrutineers only; the preliminary result is published after sign-off.</summary>
    public bool ShowsCount { get; private set; }
    public bool IsScrutineer { get; private set; }
    public bool CanSignOff { get; private set; }
    public List<(string UserId, string Name)> Candidates { get; } = [];
    public List<Matter> Matters { get; private set; } = [];
    public List<(long FlatId, string Label)> Flats { get; } = [];
    public List<CountCorrection> Corrections { get; private set; } = [];

    [BindProperty] public List<string> ScrutineerIds { get; set; } = [];
    [BindProperty] public IFormFile? CountSheet { get; set; }
    [BindProperty] public long CorrectionFlatId { get; set; }
    [BindProperty] public Dictionary<long, string> CorrectionChoice { get; set; } = [];
    [BindProperty] public string? Evidence { get; set; }

    /// <summary>A receipt or paper code the owner looks up in the list (typed as printed, with or without the dash).</summary>
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public string? LookedUp { get; private set; }
    public (string Receipt, string Choices)? Found { get; private set; }

    [BindProperty] public string? ObjectionText { get; set; }
    [BindProperty] public long ObjectionId { get; set; }
    [BindProperty] public string? Answer { get; set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return false;
        Vote = vote;
        if (vote.Status is VoteStatus.Draft or VoteStatus.Open)
        {
            Pending = true;
            return true;
        }
        Convener = await ConvenerName.OfUserAsync(db, Compound, vote.CreatedBy, shared, ct);
        MatterTexts = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).ToDictionaryAsync(m => m.Id, ct);
        ElectorateFlats = await db.Set<ElectorateFlat>().CountAsync(f => f.VoteId == id, ct);
        ByChannel = await counter.ByChannelAsync(id, ct);
        Results = (await counter.TallyAsync(id, ct)).ToList();
        OptionLabels = await (from o in db.Set<MatterOption>() join m in db.Set<Matter>() on o.MatterId equals m.Id
                              where m.VoteId == id select new { o.Id, o.Label }).ToDictionaryAsync(o => o.Id, o => o.Label, ct);
        Objections = await db.Set<Objection>().AsNoTracking().Where(o => o.VoteId == id).OrderBy(o => o.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        AcceptsObjections = vote.AcceptsObjectionsAt(now);
        CanPublishFinal = vote.Status == VoteStatus.Preliminary && now >= vote.ObjectionDeadline && Objections.All(o => o.Answer is not null);
        ResultUrl = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/votes/{id}/result";
        Scrutineers = await db.Set<VoteScrutineer>().AsNoTracking().Where(s => s.VoteId == id).OrderBy(s => s.Id).ToListAsync(ct);
        IsScrutineer = CurrentUserId is { } me && Scrutineers.Any(s => s.UserId == me);
        ShowsCount = vote.Status != VoteStatus.Counting || IsScrutineer || Membership.Can(Capability.RunVotes);
        CanSignOff = IsScrutineer && vote.CountingWindowOverAt(now) && vote.CountedAt is null
                     && Scrutineers.Any(s => s.UserId == CurrentUserId && s.SignedAt is null);
        Corrections = await db.Set<CountCorrection>().AsNoTracking().Where(c => c.VoteId == id).OrderBy(c => c.Id).ToListAsync(ct);
        if (Membership.Can(Capability.RunVotes))
        {
            Matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).OrderBy(m => m.Position).ToListAsync(ct);
            if (vote.Status == VoteStatus.Counting && vote.CountedAt is null)
            {
                var compoundId = Compound.Id;
                var linked = db.Set<ResidentLink>().Where(l => l.CompoundId == compoundId && l.UnlinkedAt == null).Select(l => l.UserId);
                var roles = db.Set<CompoundRole>().Where(r => r.CompoundId == compoundId).Select(r => r.UserId);
                var people = await db.Set<PortalUser>().AsNoTracking().Where(u => linked.Contains(u.Id) || roles.Contains(u.Id))
                    .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct);
                foreach (var p in people.OrderBy(p => p.DisplayName, StringComparer.Ordinal))
                    Candidates.Add((p.Id, string.IsNullOrWhiteSpace(p.DisplayName) ? p.Email ?? p.Id : p.DisplayName));
            }
            if (vote.Status == VoteStatus.Preliminary)
            {
                var flats = await (from f in db.Set<ElectorateFlat>()
                                   join fl in db.NamedFlats() on f.FlatId equals fl.Flat.Id
                                   where f.VoteId == id
                                   select fl).AsNoTracking().ToListAsync(ct);
                foreach (var f in flats.OrderBy(f => f.Building.Length).ThenBy(f => f.Building).ThenBy(f => f.Entrance)
                             .ThenBy(f => f.Flat.Room.Length).ThenBy(f => f.Flat.Room))
                    Flats.Add((f.Flat.Id, f.Label));
            }
        }
        var rows = await (from b in db.Set<CurrentBallot>()
                          join v in db.Set<BallotVersion>() on b.BallotVersionId equals v.Id
                          join m in db.Set<ElectorateMember>() on new { b.VoteId, b.OwnerOfRecordId } equals new { m.VoteId, m.OwnerOfRecordId }
                          where b.VoteId == id
                          select new { b.ReceiptCode, v.ChoicesText }).ToListAsync(ct);
        foreach (var r in rows.OrderBy(r => r.ReceiptCode, StringComparer.Ordinal))
            Receipts.Add((r.ReceiptCode, string.Join("; ", MatterChoice.Parse(r.ChoicesText).Select(c =>
                c.Choice == Choice.Option ? OptionLabels.GetValueOrDefault(c.OptionId ?? 0, "") : t[VotePages.ChoiceKey(c.Choice)].Value))));
        if (!string.IsNullOrWhiteSpace(Code) && ShowsCount)
        {
            LookedUp = PaperCodes.Normalise(Code);
            var hit = Receipts.FirstOrDefault(r => r.Receipt == LookedUp);
            Found = hit.Receipt is null ? null : hit;
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>When the result follows an open vote: after closing and the counting days.</summary>
    public DateTimeOffset ResultExpectedAt => Vote.ClosesAt.AddDays(Vote.CountingDays);

    /// <summary>The legal basis of a matter's rule (Civil Code Art. 278), with the committee's lines for a custom rule.</summary>
    public string LegalBasis(Matter matter)
    {
        var kind = matter.RuleKind();
        if (!kind.TakesLines)
        {
            var basis = t["Legal_" + kind.Name];
            return basis.ResourceNotFound ? t[kind.HelpKey].Value : basis.Value; // a new rule without its legal text shows its help line
        }
        if (!MatterRules.Binds(matter.VotingRule())) return t["Legal_SimpleMajority"].Value;
        string Line(int n, int d, bool inclusive) => t[inclusive ? "Legal_LineAtLeast" : "Legal_LineMoreThan", n, d].Value;
        return t["Legal_Custom",
            Line(matter.QuorumAreaNumerator, matter.QuorumAreaDenominator, matter.QuorumAreaInclusive),
            Line(matter.QuorumOwnersNumerator, matter.QuorumOwnersDenominator, matter.QuorumOwnersInclusive),
            Line(matter.ApprovalAreaNumerator, matter.ApprovalAreaDenominator, matter.ApprovalAreaInclusive),
            Line(matter.ApprovalOwnersNumerator, matter.ApprovalOwnersDenominator, matter.ApprovalOwnersInclusive)].Value;
    }

    [Requires(Capability.CastBallot)]
    public async Task<IActionResult> OnPostObjectAsync(long id, [FromServices] FileObjection fileObjection, CancellationToken ct) =>
        await Act(id, async () =>
        {
            await fileObjection.RunAsync(id, Compound.Id, CurrentUserId!, ObjectionText ?? "", ct);
            return t["Objection_Filed"];
        }, ct);

    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnPostAnswerAsync(long id, [FromServices] AnswerObjection answerObjection, CancellationToken ct) =>
        await Act(id, async () =>
        {
            await answerObjection.RunAsync(id, Compound.Id, ObjectionId, Answer ?? "", CurrentUserId!, ct);
            return t["Objection_Answered"];
        }, ct);

    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnPostScrutineersAsync(long id, [FromServices] NameScrutineers nameScrutineers, CancellationToken ct) =>
        await Act(id, async () =>
        {
            await nameScrutineers.RunAsync(id, Compound.Id, ScrutineerIds, CurrentUserId!, ct);
            return t["Count_ScrutineersNamed"];
        }, ct);

    public async Task<IActionResult> OnPostSignOffAsync(long id, [FromServices] SignOffCount signOff, CancellationToken ct) =>
        await Act(id, async () =>
        {
            var counted = await signOff.RunAsync(id, Compound.Id, CurrentUserId!, ct);
            return counted ? t["Count_Signed"] : t["Count_AlreadySigned"];
        }, ct);

    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnPostSheetAsync(long id, [FromServices] SignOffCount signOff, CancellationToken ct) =>
        await Act(id, async () =>
        {
            if (CountSheet is null) throw new DomainException("count.sheet_required", "Choose the photo of the signed paper count.");
            try { await signOff.KeepSignedSheetAsync(id, Compound.Id, CountSheet, CurrentUserId!, ct); }
            catch (Portal.Files.UploadRefusedException) { throw new DomainException("count.sheet_refused", "The photo could not be kept."); }
            return t["Count_SheetKept"];
        }, ct);

    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnPostCorrectAsync(long id, [FromServices] CorrectCount correctCount, CancellationToken ct) =>
        await Act(id, async () =>
        {
            var choices = new List<MatterChoice>();
            foreach (var m in await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).OrderBy(m => m.Position).ToListAsync(ct))
            {
                var raw = CorrectionChoice.GetValueOrDefault(m.Id);
                if (raw is not null && raw.StartsWith("option:", StringComparison.Ordinal) && long.TryParse(raw[7..], out var option))
                    choices.Add(new MatterChoice(m.Id, Choice.Option, option));
                else if (Choices.TryParse(raw, out var c)) choices.Add(new MatterChoice(m.Id, c));
                else throw new DomainException("ballot.choice_missing", "Every matter needs a choice.");
            }
            await correctCount.RunAsync(id, Compound.Id, new CorrectCount.Correction(ObjectionId, CorrectionFlatId, choices, Evidence ?? "", Answer ?? ""),
                CurrentUserId!, ct);
            return t["Correction_Done"];
        }, ct);

    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnPostFinalAsync(long id, [FromServices] PublishResult publishResult, CancellationToken ct) =>
        await Act(id, async () =>
        {
            await publishResult.RunAsync(id, Compound.Id, CurrentUserId!, ct);
            return t["Result_FinalPublished"];
        }, ct);

    private async Task<IActionResult> Act(long id, Func<Task<string>> action, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        TempData["Flash"] = await action();
        return Redirect($"/c/{Compound.Code}/votes/{id}/result");
    }
}
