using Microsoft.EntityFrameworkCore;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>On random registers and random ballots, the database's count equals a plain count in memory.</summary>
public sealed class TallyPropertyTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public async Task Sql_tally_equals_an_in_memory_count_on_a_random_register(int seed)
    {
        var factory = fixture.Factory;
        var random = new Random(seed);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RND"), buildings: 2, entrances: 2, floors: random.Next(1, 4), flatsPerFloor: 2,
            areaCents: _ => random.Next(3_000, 15_001));
        // Some owners hold several flats (possibly across entrances).
        foreach (var flat in c.Flats.Where(_ => random.Next(4) == 0))
            await factory.GiveToSameOwnerAsync(flat, c.Flats[random.Next(c.Flats.Count)]);
        IVotingRule rule = random.Next(3) switch { 0 => new CivilCodeOrdinary(), 1 => new CivilCodeMajor(), _ => new SimpleMajority() };
        var scope = random.Next(3) switch
        {
            0 => Scope.WholeCompound,
            1 => Scope.OfBuilding(c.Building("1").Id),
            _ => Scope.OfEntrance(c.Building("2").Id, c.Entrance("2", "1").Id),
        };
        var vote = await factory.CreateVoteAsync(c, "随机", rule, scope);

        var electorateFlats = await factory.WithDb(db => db.Set<ElectorateFlat>().Where(f => f.VoteId == vote.Id).ToListAsync());
        var register = await factory.WithDb(db => db.Set<Flat>().Where(f => f.CompoundId == c.Id).ToListAsync());
        var ballots = new Dictionary<long, IReadOnlyList<MatterChoice>>();
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        foreach (var flat in electorateFlats.Where(_ => random.Next(3) > 0))
        {
            var choice = (Choice)random.Next(3);
            await factory.RecordAsync(vote.Id, c, flat.FlatId, choice); // later ballots of the same owner replace earlier ones
            ballots[flat.OwnerOfRecordId] = [new MatterChoice(matter, choice)];
        }

        // The plain count, straight from the register as it stood (no database grouping).
        var inScope = register.Where(f => scope.Covers(f.BuildingId, f.EntranceId)).ToList();
        var areaByOwner = inScope.GroupBy(f => f.OwnerOfRecordId).ToDictionary(g => g.Key, g => g.Sum(f => f.ExclusiveAreaCents));
        var spec = new MatterSpec(matter, "随机", rule, []);
        var expected = Tally.Decide(spec, Tally.CountInMemory(matter, areaByOwner, ballots));
        var actual = (await factory.TallyAsync(vote.Id)).Single();

        Assert.Equal(expected.Eligible, actual.Eligible);
        Assert.Equal(expected.Participated, actual.Participated);
        Assert.Equal(expected.Agree, actual.Agree);
        Assert.Equal(expected.Oppose, actual.Oppose);
        Assert.Equal(expected.Abstain, actual.Abstain);
        Assert.Equal(expected.QuorumMet, actual.QuorumMet);
        Assert.Equal(expected.Passed, actual.Passed);
        // And the rules themselves, written out once more by hand.
        var (a, n) = (actual.Eligible.AreaCents, actual.Eligible.Owners);
        var p = actual.Participated;
        var quorum = 3 * p.AreaCents >= 2 * a && 3 * p.Owners >= 2 * n;
        var passes = rule switch
        {
            CivilCodeMajor => p.Owners > 0 && quorum && 4 * actual.Agree.AreaCents >= 3 * p.AreaCents && 4 * actual.Agree.Owners >= 3 * p.Owners,
            CivilCodeOrdinary => p.Owners > 0 && quorum && 2 * actual.Agree.AreaCents > p.AreaCents && 2 * actual.Agree.Owners > p.Owners,
            _ => p.Owners > 0 && 2 * actual.Agree.Owners > p.Owners,
        };
        Assert.Equal(passes, actual.Passed);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }
}
