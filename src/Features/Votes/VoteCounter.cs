using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;
using Portal.Features.Register;

namespace Portal.Features.Votes;

/// <summary>The count of a vote, done by the database (grouped sums over the frozen electorate and current choices).</summary>
public sealed class VoteCounter(PortalDb db)
{
    public async Task<IReadOnlyList<MatterSpec>> MattersAsync(long voteId, CancellationToken ct = default)
    {
        var matters = await db.Set<Matter>().AsNoTracking().Where(m => m.VoteId == voteId).OrderBy(m => m.Position).ToListAsync(ct);
        var ids = matters.Select(m => m.Id).ToList();
        var options = await db.Set<MatterOption>().AsNoTracking().Where(o => ids.Contains(o.MatterId))
            .OrderBy(o => o.Position).ToListAsync(ct);
        var occupiedFlats = matters.SelectMany(m => m.OccupiedFlatIds()).Distinct().ToList();
        var ownerOfFlat = occupiedFlats.Count == 0 ? [] : await db.Set<ElectorateFlat>().AsNoTracking()
            .Where(f => f.VoteId == voteId && occupiedFlats.Contains(f.FlatId)).ToDictionaryAsync(f => f.FlatId, f => f.OwnerOfRecordId, ct);
        return matters.Select(m => new MatterSpec(m.Id, m.Title, m.VotingRule(),
            options.Where(o => o.MatterId == m.Id).Select(o => o.Id).ToList(),
            m.OccupiedFlatIds().Where(ownerOfFlat.ContainsKey).Select(f => ownerOfFlat[f]).Distinct().ToList())).ToList();
    }

    public async Task<Weight> EligibleAsync(long voteId, CancellationToken ct = default)
    {
        var members = db.Set<ElectorateMember>().Where(m => m.VoteId == voteId);
        var owners = await members.LongCountAsync(ct);
        var area = owners == 0 ? 0 : await members.SumAsync(m => m.AreaCents, ct);
        return new Weight(owners, area);
    }

    /// <summary>Grouped counts per matter: only ballots of owners in the electorate count.</summary>
    public async Task<IReadOnlyDictionary<long, MatterCounts>> CountsAsync(long voteId, IReadOnlyList<MatterSpec> matters, CancellationToken ct = default)
    {
        var eligible = await EligibleAsync(voteId, ct);
        var rows = await (from c in db.Set<CurrentChoice>()
                          join m in db.Set<ElectorateMember>() on new { c.VoteId, c.OwnerOfRecordId } equals new { m.VoteId, m.OwnerOfRecordId }
                          where c.VoteId == voteId
                          group m.AreaCents by new { c.MatterId, c.Choice, c.OptionId } into g
                          select new { g.Key.MatterId, g.Key.Choice, g.Key.OptionId, Owners = g.LongCount(), Area = g.Sum() })
                         .ToListAsync(ct);
        return matters.ToDictionary(m => m.MatterId, m => new MatterCounts(eligible,
            rows.Where(r => r.MatterId == m.MatterId)
                .ToDictionary(r => (r.Choice, r.Choice == Choice.Option ? r.OptionId : (long?)null), r => new Weight(r.Owners, r.Area))));
    }

    public async Task<IReadOnlyList<MatterResult>> TallyAsync(long voteId, CancellationToken ct = default)
    {
        var matters = await MattersAsync(voteId, ct);
        var counts = await CountsAsync(voteId, matters, ct);
        var occupied = matters.SelectMany(m => m.OccupiedOwners ?? []).Distinct().ToList();
        var choices = occupied.Count == 0 ? [] : await db.Set<CurrentChoice>().AsNoTracking()
            .Where(c => c.VoteId == voteId && occupied.Contains(c.OwnerOfRecordId))
            .Select(c => new { c.MatterId, c.OwnerOfRecordId, c.Choice }).ToListAsync(ct);
        return matters.Select(m => Tally.Decide(m, counts[m.MatterId],
            owner => choices.FirstOrDefault(c => c.MatterId == m.MatterId && c.OwnerOfRecordId == owner)?.Choice)).ToList();
    }

    /// <summary>The channels participation is reported by; imported ballots are paper ballots.</summary>
    public static readonly IReadOnlyList<string> ChannelCodes = ["online", "paper", "assisted", "proxy"];

    public static string ChannelCode(BallotChannel channel) => channel switch
    {
        BallotChannel.Online => "online",
        BallotChannel.Assisted => "assisted",
        BallotChannel.Proxy => "proxy",
        _ => "paper",
    };

    /// <summary>Participation per matter by the channel of each owner's current ballot (electorate members only).</summary>
    public async Task<IReadOnlyDictionary<(long MatterId, string Channel), Weight>> ByChannelAsync(long voteId, CancellationToken ct = default)
    {
        var rows = await (from c in db.Set<CurrentChoice>()
                          join m in db.Set<ElectorateMember>() on new { c.VoteId, c.OwnerOfRecordId } equals new { m.VoteId, m.OwnerOfRecordId }
                          join b in db.Set<CurrentBallot>() on new { c.VoteId, c.OwnerOfRecordId } equals new { b.VoteId, b.OwnerOfRecordId }
                          join v in db.Set<BallotVersion>() on b.BallotVersionId equals v.Id
                          where c.VoteId == voteId
                          group m.AreaCents by new { c.MatterId, v.Channel } into g
                          select new { g.Key.MatterId, g.Key.Channel, Owners = g.LongCount(), Area = g.Sum() })
                         .ToListAsync(ct);
        return rows.GroupBy(r => (r.MatterId, ChannelCode(r.Channel)))
            .ToDictionary(g => g.Key, g => new Weight(g.Sum(r => r.Owners), g.Sum(r => r.Area)));
    }

    public sealed record PlaceCount(long BuildingId, long EntranceId, string Building, string Entrance, Weight Eligible, Weight Agree, Weight Oppose, Weight Abstain, Weight Other)
    {
        public Weight Participated => Agree + Oppose + Abstain + Other;
    }

    /// <summary>
    /// Per entrance: the area of its flats in scope and the distinct owners holding them (an owner with flats in two
    /// entrances counts once in each), split by the owner's choice on <paramref name="matterId"/>. Counted by the
    /// database (one GROUP BY over the electorate's flats and the current choices), as the tally is: an owner has one
    /// choice per matter, so the owners of an entrance split into disjoint groups that add up to its eligible owners.
    /// </summary>
    public async Task<IReadOnlyList<PlaceCount>> ByEntranceAsync(long voteId, long matterId, CancellationToken ct = default)
    {
        var choices = db.Set<CurrentChoice>().Where(c => c.VoteId == voteId && c.MatterId == matterId);
        var groups = await (from f in db.Set<ElectorateFlat>()
                            where f.VoteId == voteId
                            from c in choices.Where(c => c.OwnerOfRecordId == f.OwnerOfRecordId).DefaultIfEmpty()
                            group new { f.OwnerOfRecordId, f.AreaCents } by new { f.BuildingId, f.EntranceId, Choice = (Choice?)c.Choice } into g
                            select new
                            {
                                g.Key.BuildingId, g.Key.EntranceId, g.Key.Choice,
                                Owners = g.Select(x => x.OwnerOfRecordId).Distinct().Count(),
                                Area = g.Sum(x => x.AreaCents),
                            })
                           .ToListAsync(ct);
        var entranceIds = groups.Select(g => g.EntranceId).Distinct().ToList();
        var names = await (from e in db.Set<Domain.Register.Entrance>()
                           join b in db.Set<Domain.Register.Building>() on e.BuildingId equals b.Id
                           where entranceIds.Contains(e.Id)
                           select new { e.Id, Building = b.Name, Entrance = e.Name })
                          .ToDictionaryAsync(x => x.Id, ct);
        return groups.GroupBy(g => new { g.BuildingId, g.EntranceId })
            .Select(place =>
            {
                Weight With(Func<Choice?, bool> p) =>
                    new(place.Where(g => p(g.Choice)).Sum(g => (long)g.Owners), place.Where(g => p(g.Choice)).Sum(g => g.Area));
                var name = names[place.Key.EntranceId];
                return new PlaceCount(place.Key.BuildingId, place.Key.EntranceId, name.Building, name.Entrance, With(_ => true),
                    With(c => c == Choice.Agree), With(c => c == Choice.Oppose), With(c => c == Choice.Abstain),
                    With(c => c is Choice.Option or Choice.Invalid));
            })
            .OrderBy(p => p.Building.Length).ThenBy(p => p.Building).ThenBy(p => p.Entrance.Length).ThenBy(p => p.Entrance)
            .ToList();
    }

    public sealed record NonVoter(long BuildingId, long EntranceId, string Building, string Entrance, string Room);

    /// <summary>Flats whose owner has not voted yet, for door-to-door follow-up (committee and building leads only).</summary>
    public async Task<IReadOnlyList<NonVoter>> NonVotersAsync(long voteId, CancellationToken ct = default)
    {
        var voted = db.Set<CurrentBallot>().Where(b => b.VoteId == voteId).Select(b => b.OwnerOfRecordId);
        var rows = await (from f in db.Set<ElectorateFlat>()
                          join fl in db.NamedFlats() on f.FlatId equals fl.Flat.Id
                          where f.VoteId == voteId && !voted.Contains(f.OwnerOfRecordId)
                          select new NonVoter(f.BuildingId, f.EntranceId, fl.Building, fl.Entrance, fl.Flat.Room))
                         .ToListAsync(ct);
        return rows.OrderBy(r => r.Building.Length).ThenBy(r => r.Building).ThenBy(r => r.Entrance).ThenBy(r => r.Room.Length).ThenBy(r => r.Room).ToList();
    }
}
