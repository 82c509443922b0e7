using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

using Portal.Features.Votes;
using Portal.Features.Residents;

namespace Portal.Pages.Votes;

/// <summary>A vote as an owner sees it: the matters, their ballot form, their own ballot's status and receipt.</summary>
[Requires(Capability.ViewCompound)]
public class ShowModel(PortalDb db, CastBallot castBallot, TimeProvider clock, IStringLocalizer<VotesText> t,
    Portal.Features.Funding.HouseholdQuote quotes) : CompoundPageModel
{
    /// <summary>Before voting on an upgrade, what the owner's household would pay (the co-funding quote).</summary>
    public List<Portal.Features.Funding.HouseholdQuoteView> Quotes { get; } = [];

    public Vote Vote { get; private set; } = null!;
    public List<Matter> Matters { get; private set; } = [];
    /// <summary>The published plan version each matter carries, by version id.</summary>
    public Dictionary<long, Portal.Domain.Projects.PlanVersion> Plans { get; private set; } = [];
    public CompoundRules Rules { get; private set; } = null!;
    public List<MatterOption> Options { get; private set; } = [];
    public List<long> MyOwners { get; private set; } = [];
    public Dictionary<long, (CurrentBallot Ballot, List<MatterChoice> Choices)> MyBallots { get; } = [];
    /// <summary>The owners of record another co-owner casts for, with that representative's name: the page says so instead of the form.</summary>
    public Dictionary<long, string> CastByOther { get; } = [];
    public bool AcceptsBallots { get; private set; }
    public string? Receipt { get; private set; }

    [BindProperty] public long OwnerId { get; set; }
    [BindProperty] public Dictionary<long, string> Choice { get; set; } = [];

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return false;
        Vote = vote;
        Rules = await db.RulesOfAsync(Compound.Id, ct);
        Matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == id).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = Matters.Select(m => m.Id).ToList();
        var planIds = Matters.Where(m => m.PlanVersionId is not null).Select(m => m.PlanVersionId!.Value).ToList();
        if (planIds.Count > 0)
            Plans = await db.Set<Portal.Domain.Projects.PlanVersion>().AsNoTracking().Where(v => planIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        Options = await db.Set<MatterOption>().AsNoTracking().Where(o => ids.Contains(o.MatterId)).OrderBy(o => o.Position).ToListAsync(ct);
        AcceptsBallots = vote.AcceptsBallotsAt(clock.GetUtcNow());
        if (CurrentUserId is { } user && Membership.Can(Capability.CastBallot))
        {
            MyOwners = (await castBallot.OwnersVotableByAsync(id, user, ct)).ToList();
            var ballots = await db.Set<CurrentBallot>().AsNoTracking().Where(b => b.VoteId == id && MyOwners.Contains(b.OwnerOfRecordId)).ToListAsync(ct);
            var versions = ballots.Select(b => b.BallotVersionId).ToList();
            var texts = await db.Set<BallotVersion>().AsNoTracking().Where(v => versions.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.ChoicesText, ct);
            foreach (var b in ballots) MyBallots[b.OwnerOfRecordId] = (b, MatterChoice.Parse(texts[b.BallotVersionId]).ToList());
            foreach (var owner in MyOwners)
            {
                var representative = await db.RepresentativeOfAsync(owner, ct);
                if (representative is null || representative == user) continue;
                var name = await db.Users.Where(u => u.Id == representative).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                CastByOther[owner] = PhoneNumberRules.MaskIfPhone(name);
            }
        }
        if (CurrentUserId is { } viewer)
        {
            var proposals = Matters.Where(m => m.ProposalId is not null).Select(m => m.ProposalId!.Value).ToList();
            var items = await db.Set<Portal.Domain.Projects.PlanItem>().AsNoTracking()
                .Where(i => i.CompoundId == Compound.Id && i.ProposalId != null && proposals.Contains(i.ProposalId.Value))
                .Select(i => i.Id).ToListAsync(ct);
            foreach (var item in items)
                if (await quotes.ForUserAsync(viewer, item, ct) is { } quote) Quotes.Add(quote);
        }
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Receipt = TempData["Receipt"] as string;
        return Page();
    }

    [Requires(Capability.CastBallot)]
    /// <summary>
    /// Casts from the posted choices without loading the page first (a cast is the busiest request of a vote); the page
    /// is loaded only to show a refusal, which the domain error filter then puts on it.
    /// </summary>
    public async Task<IActionResult> OnPostCastAsync(long id, CancellationToken ct)
    {
        var choices = new List<MatterChoice>();
        foreach (var (matterId, raw) in Choice)
        {
            if (raw is not null && raw.StartsWith("option:") && long.TryParse(raw[7..], out var option))
                choices.Add(new MatterChoice(matterId, Domain.Votes.Choice.Option, option));
            else if (Choices.TryParse(raw, out var c))
                choices.Add(new MatterChoice(matterId, c));
            else
            {
                if (!await LoadAsync(id, ct)) return NotFound();
                ModelState.AddModelError("", t["Show_ChooseEveryMatter"]);
                return Page();
            }
        }
        CastReceipt receipt;
        try
        {
            receipt = await castBallot.RunAsync(id, Compound.Id, CurrentUserId!, OwnerId, choices, ct, Compound.Code, Membership.Ties);
        }
        catch (DomainException e)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            if (e.Code == "ballot.choice_missing")
            {
                ModelState.AddModelError("", t["Show_ChooseEveryMatter"]);
                return Page();
            }
            throw;
        }
        TempData["Receipt"] = receipt.ReceiptCode;
        TempData["Flash"] = t["Show_Cast"].Value;
        return Redirect($"/c/{Compound.Code}/votes/{id}");
    }
}
