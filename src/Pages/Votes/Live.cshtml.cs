using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

using Portal.Features.Shared;
using Portal.Features.Votes;

namespace Portal.Pages.Votes;

/// <summary>
/// The running count for the committee and building leads: participation and agreement against the rule's lines,
/// per building/entrance, and (for the committee and the entrance's own lead) the flats still to visit.
/// </summary>
[Requires(Capability.FollowTurnout)]
public class LiveModel(PortalDb db, VoteCounter counter) : CompoundPageModel
{
    public Vote Vote { get; private set; } = null!;
    public List<MatterResult> Results { get; private set; } = [];
    public Dictionary<long, IVotingRule> Rules { get; } = [];
    public Dictionary<long, string> OptionLabels { get; private set; } = [];
    public IReadOnlyList<VoteCounter.PlaceCount> Places { get; private set; } = [];
    public List<VoteCounter.NonVoter> NonVoters { get; private set; } = [];
    /// <summary>The compound's rules hide the agree/oppose split until closing: while voting, only turnout is shown.</summary>
    public bool HidesSplit { get; private set; }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.CompoundId == Compound.Id, ct);
        if (vote is null) return false;
        Vote = vote;
        var matters = await counter.MattersAsync(id, ct);
        foreach (var m in matters) Rules[m.MatterId] = m.Rule;
        var counts = await counter.CountsAsync(id, matters, ct);
        Results = matters.Select(m => Tally.Decide(m, counts[m.MatterId])).ToList();
        OptionLabels = await (from o in db.Set<MatterOption>() join m in db.Set<Matter>() on o.MatterId equals m.Id
                              where m.VoteId == id select new { o.Id, o.Label }).ToDictionaryAsync(o => o.Id, o => o.Label, ct);
        if (Results.Count > 0) Places = await counter.ByEntranceAsync(id, Results[0].MatterId, ct);
        HidesSplit = await VoteTallyJson.HidesSplitAsync(db, vote, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Vote.Status == VoteStatus.Open)
            NonVoters = (await counter.NonVotersAsync(id, ct)).Where(n => Membership.FollowsEntrance(n.BuildingId, n.EntranceId)).ToList();
        return Page();
    }

    /// <summary>The result per building/entrance as CSV or .xlsx (committee only).</summary>
    [Requires(Capability.RunVotes)]
    public async Task<IActionResult> OnGetExportAsync(long id, string format, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var rows = Places.Select(p => HidesSplit ? new Dictionary<string, object>
        {
            ["building"] = p.Building,
            ["entrance"] = p.Entrance,
            ["eligible_owners"] = p.Eligible.Owners,
            ["eligible_area_m2"] = ExclusiveArea.Format(p.Eligible.AreaCents),
            ["participated_owners"] = p.Participated.Owners,
            ["participated_area_m2"] = ExclusiveArea.Format(p.Participated.AreaCents),
        } : new Dictionary<string, object>
        {
            ["building"] = p.Building,
            ["entrance"] = p.Entrance,
            ["eligible_owners"] = p.Eligible.Owners,
            ["eligible_area_m2"] = ExclusiveArea.Format(p.Eligible.AreaCents),
            ["participated_owners"] = p.Participated.Owners,
            ["participated_area_m2"] = ExclusiveArea.Format(p.Participated.AreaCents),
            ["agree_owners"] = p.Agree.Owners,
            ["agree_area_m2"] = ExclusiveArea.Format(p.Agree.AreaCents),
            ["oppose_owners"] = p.Oppose.Owners,
            ["oppose_area_m2"] = ExclusiveArea.Format(p.Oppose.AreaCents),
            ["abstain_owners"] = p.Abstain.Owners,
            ["abstain_area_m2"] = ExclusiveArea.Format(p.Abstain.AreaCents),
        }).ToList();
        var name = $"vote-{id}-by-entrance";
        return SpreadsheetExport.Download(format, name, rows);
    }
}
