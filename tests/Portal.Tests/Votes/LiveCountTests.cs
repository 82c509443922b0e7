using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>The live page's count per building and entrance, grouped by the database, equals a plain count in memory.</summary>
public sealed class LiveCountTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    public async Task Count_per_entrance_equals_an_in_memory_count_on_a_random_register(int seed)
    {
        var factory = fixture.Factory;
        var random = new Random(seed);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("LVC"), buildings: 2, entrances: 2, floors: random.Next(1, 4), flatsPerFloor: 2,
            areaCents: _ => random.Next(3_000, 15_001));
        // Some owners hold several flats, in one entrance or across entrances: they count once in each entrance.
        foreach (var flat in c.Flats.Where(_ => random.Next(3) == 0))
            await factory.GiveToSameOwnerAsync(flat, c.Flats[random.Next(c.Flats.Count)]);
        var vote = await factory.CreateVoteAsync(c, "逐楼统计", new CivilCodeOrdinary(), Scope.WholeCompound);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        var electorate = await factory.WithDb(db => db.Set<ElectorateFlat>().Where(f => f.VoteId == vote.Id).ToListAsync());
        var choiceOf = new Dictionary<long, Choice>();
        foreach (var flat in electorate.Where(_ => random.Next(3) > 0))
        {
            var choice = (Choice)random.Next(3);
            await factory.RecordAsync(vote.Id, c, flat.FlatId, choice); // a later ballot of the same owner replaces the earlier one
            choiceOf[flat.OwnerOfRecordId] = choice;
        }

        var places = await factory.Scoped(sp => sp.GetRequiredService<VoteCounter>().ByEntranceAsync(vote.Id, matter));

        var expected = electorate.GroupBy(f => (f.BuildingId, f.EntranceId)).OrderBy(g => g.Key).ToList();
        Assert.Equal(expected.Select(g => g.Key), places.Select(p => (p.BuildingId, p.EntranceId)).Order());
        foreach (var g in expected)
        {
            Weight Of(Func<ElectorateFlat, bool> p) =>
                new(g.Where(p).Select(f => f.OwnerOfRecordId).Distinct().LongCount(), g.Where(p).Sum(f => f.AreaCents));
            bool Chose(ElectorateFlat f, Choice choice) => choiceOf.TryGetValue(f.OwnerOfRecordId, out var x) && x == choice;
            var place = places.Single(p => p.BuildingId == g.Key.BuildingId && p.EntranceId == g.Key.EntranceId);
            Assert.Equal(Of(_ => true), place.Eligible);
            Assert.Equal(Of(f => Chose(f, Choice.Agree)), place.Agree);
            Assert.Equal(Of(f => Chose(f, Choice.Oppose)), place.Oppose);
            Assert.Equal(Of(f => Chose(f, Choice.Abstain)), place.Abstain);
            Assert.Equal(Of(f => choiceOf.ContainsKey(f.OwnerOfRecordId)), place.Participated);
            var names = c.Entrance(place.Building, place.Entrance);
            Assert.Equal(g.Key.EntranceId, names.Id);
        }
        // Listed in the register's order: building, then entrance.
        Assert.Equal(places.OrderBy(p => p.Building.Length).ThenBy(p => p.Building).ThenBy(p => p.Entrance.Length).ThenBy(p => p.Entrance), places);
    }
}
