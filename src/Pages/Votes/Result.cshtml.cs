using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

using Portal.Features.Votes;

namespace Portal.Pages.Votes;

/// <summary>
/// The result notice (printable A4 with a QR code), the objections and their answers, publishing the final result,
/// and the receipt list (receipt code and choice only: no names, no flats).
/// </summary>
[Requires(Capability.ViewCompound)]
public class ResultModel(PortalDb db, VoteCounter counter, TimeProvider clock, IStringLocalizer<VotesText> t) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;
    public List<MatterResult> Results { get; private set; } = [];
    public Dictionary<long, string> OptionLabels { get; private set; } = [];
    public List<Objection> Objections { get; private set; } = [];
    public List<(string Receipt, string Choices)> Receipts { get; } = [];
    public string ResultUrl { get; private set; } = "";
    public bool AcceptsObjections { get; private set; }
    public bool CanPublishFinal { get; private set; }

    [BindProperty] public string? ObjectionText { get; set; }
    [BindProperty] public long ObjectionId { get; set; }
    [BindProperty] public string? Answer { get; set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null || vote.Status is VoteStatus.Draft or VoteStatus.Open) return false;
        Vote = vote;
        Results = (await counter.TallyAsync(id, ct)).ToList();
        OptionLabels = await (from o in db.Set<MatterOption>() join m in db.Set<Matter>() on o.MatterId equals m.Id
                              where m.VoteId == id select new { o.Id, o.Label }).ToDictionaryAsync(o => o.Id, o => o.Label, ct);
        Objections = await db.Set<Objection>().AsNoTracking().Where(o => o.VoteId == id).OrderBy(o => o.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        AcceptsObjections = vote.AcceptsObjectionsAt(now);
        CanPublishFinal = vote.Status == VoteStatus.Preliminary && now >= vote.ObjectionDeadline && Objections.All(o => o.Answer is not null);
        ResultUrl = $"{Request.Scheme}://{Request.Host}/c/{Compound.Code}/votes/{id}/result";
        var rows = await (from b in db.Set<CurrentBallot>()
                          join v in db.Set<BallotVersion>() on b.BallotVersionId equals v.Id
                          join m in db.Set<ElectorateMember>() on new { b.VoteId, b.OwnerOfRecordId } equals new { m.VoteId, m.OwnerOfRecordId }
                          where b.VoteId == id
                          select new { b.ReceiptCode, v.ChoicesText }).ToListAsync(ct);
        foreach (var r in rows.OrderBy(r => r.ReceiptCode, StringComparer.Ordinal))
            Receipts.Add((r.ReceiptCode, string.Join("; ", MatterChoice.Parse(r.ChoicesText).Select(c =>
                c.Choice == Choice.Option ? OptionLabels.GetValueOrDefault(c.OptionId ?? 0, "") : t[VotePages.ChoiceKey(c.Choice)].Value))));
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

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
