using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Pages.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>The same guarantees on PostgreSQL, where writers really run in parallel.</summary>
public sealed class PostgresVoteTests
{
    [Fact]
    public async Task On_postgres_parallel_ballots_leave_one_current_ballot_and_the_vote_closes_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new VotesFactory();
        factory.OnPostgres(database.ConnectionString);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PG"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var flat = c.Flat("1-1-101");
        var user = await factory.CreateUserAsync($"pg-{Guid.NewGuid():N}@example.com");
        await factory.LinkAsync(user.Id, c, flat);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => factory.Scoped(sp =>
            sp.GetRequiredService<CastBallot>().RunAsync(vote.Id, c.Id, user.Id, flat.OwnerOfRecordId,
                [new MatterChoice(matter, (Choice)(i % 3))])))));
        // Other owners' paper ballots in parallel too: the audit chain must not fork.
        await Task.WhenAll(new[] { "1-1-102", "1-1-201" }.Select(l => Task.Run(() => factory.RecordAsync(vote.Id, c, c.Flat(l).Id, Choice.Agree))));

        var (current, versions) = await factory.WithDb(async db => (
            await db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id && b.OwnerOfRecordId == flat.OwnerOfRecordId).ToListAsync(),
            await db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id && b.OwnerOfRecordId == flat.OwnerOfRecordId)));
        Assert.Single(current);
        Assert.Equal(32, current[0].Version);
        Assert.Equal(32, versions);

        factory.Clock.Offset = TimeSpan.FromHours(2);
        var closed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => factory.CloseAsync(vote.Id))));
        Assert.Equal(1, closed.Count(x => x));
        var result = (await factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(new Weight(4, 20_000), result.Eligible);
        Assert.Equal(3, result.Participated.Owners);
        var verification = await factory.VerifyAsync(vote.Id);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
    }

    [Fact]
    public async Task On_postgres_servers_opening_the_same_vote_at_once_open_it_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new VotesFactory();
        factory.OnPostgres(database.ConnectionString);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PGO"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "楼道照明", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(3), opensIn: TimeSpan.FromHours(1));
        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            factory.Scoped(sp => sp.GetRequiredService<OpenVote>().RunAsync(vote.Id)))));

        Assert.Equal(1, opened.Count(x => x));
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(vote.Id)).Status);
        Assert.Equal(new Weight(4, 20_000), (await factory.TallyAsync(vote.Id)).Single().Eligible);
        Assert.Equal(1, await factory.WithDb(db => db.Set<VoteAuditEntry>().CountAsync(e => e.VoteId == vote.Id && e.Action == AuditActions.Open)));
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task On_postgres_a_cast_stores_its_receipt_notice_and_a_vote_closed_meanwhile_takes_nothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new VotesFactory();
        factory.OnPostgres(database.ConnectionString);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PGC"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "电动自行车充电棚", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var flat = c.Flat("1-1-101");
        var user = await factory.CreateUserAsync($"pgc-{Guid.NewGuid():N}@example.com");
        await factory.LinkAsync(user.Id, c, flat);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        Task<CastReceipt> Cast(Choice choice) => factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, user.Id, flat.OwnerOfRecordId, [new MatterChoice(matter, choice)]));

        var first = await Cast(Choice.Agree);
        var second = await Cast(Choice.Oppose);
        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        var receipts = await factory.WithDb(db => db.Set<Portal.Notifications.NotificationEvent>()
            .Where(e => e.Kind == Portal.Notifications.NotificationKind.BallotReceipt && e.CompoundId == c.Id).ToListAsync());
        Assert.Equal([first.ReceiptCode, second.ReceiptCode], receipts.OrderBy(e => e.Id).Select(e => e.Values["receipt"]));
        Assert.All(receipts, e => Assert.Equal([user.Id], e.Audience.UserIds!));
        var entries = await factory.WithDb(db => db.Set<VoteAuditEntry>().Where(e => e.VoteId == vote.Id).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal([AuditActions.BallotCast, AuditActions.BallotChanged], entries.Where(e => e.Action.StartsWith("ballot.")).Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(e.ComputeHash(), e.Hash));

        // The node still keeps the vote as open; the batch's lock finds it counting (closed elsewhere) and writes nothing.
        await factory.WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Vote\" SET \"Status\" = {(int)VoteStatus.Counting} WHERE \"Id\" = {vote.Id}"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Cast(Choice.Abstain));
        Assert.Equal("ballot.vote_not_open", refused.Code);
        var (versions, notices, audit) = await factory.WithDb(async db => (
            await db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id),
            await db.Set<Portal.Notifications.NotificationEvent>().CountAsync(e => e.Kind == Portal.Notifications.NotificationKind.BallotReceipt && e.CompoundId == c.Id),
            await db.Set<VoteAuditEntry>().CountAsync(e => e.VoteId == vote.Id)));
        Assert.Equal(2, versions);
        Assert.Equal(2, notices);
        Assert.Equal(entries.Count, audit);
        Assert.Equal(1, (await factory.TallyAsync(vote.Id)).Single().Oppose.Owners);
    }
}
