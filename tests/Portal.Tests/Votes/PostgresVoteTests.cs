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

    [Fact]
    public async Task On_postgres_ballots_that_arrive_while_one_is_written_commit_together_and_a_bad_one_fails_alone()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new VotesFactory();
        factory.OnPostgres(database.ConnectionString);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PGB"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 4);
        var vote = await factory.CreateVoteAsync(c, "加装充电桩", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        var owners = new List<(string UserId, long Owner)>();
        foreach (var flat in c.Flats)
        {
            var user = await factory.CreateUserAsync($"pgb-{Guid.NewGuid():N}@example.com");
            await factory.LinkAsync(user.Id, c, flat);
            owners.Add((user.Id, flat.OwnerOfRecordId));
        }
        var combiner = factory.Services.GetRequiredService<CastCombiner>();

        // Another writer holds the vote's lock: the first ballot's batch waits for it, the next ones queue behind.
        await using var holder = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockIt = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"Vote\" WHERE \"Id\" = {vote.Id} FOR UPDATE", holder, tx))
            await lockIt.ExecuteScalarAsync();
        var casts = owners.Select((o, i) => Task.Run(() => factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, o.UserId, o.Owner, [new MatterChoice(matter, i % 2 == 0 ? Choice.Agree : Choice.Oppose)])))).ToList();
        // The first batch holds whatever had arrived when it started (one ballot, or a few on a loaded machine).
        await Eventually.Until(() => Task.FromResult(combiner.Unwritten(vote.Id) == owners.Count),
            "every ballot in the batch being written or waiting behind it", TimeSpan.FromSeconds(60));
        await tx.CommitAsync();
        var receipts = await Task.WhenAll(casts);

        Assert.True(combiner.LargestBatch >= owners.Count / 2, $"largest batch {combiner.LargestBatch}"); // 8 ballots in two transactions
        Assert.All(receipts, r => Assert.Equal(1, r.Version));
        var tally = (await factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(4, tally.Agree.Owners);
        Assert.Equal(4, tally.Oppose.Owners);
        var receiptEvents = await factory.WithDb(db => db.Set<Portal.Notifications.NotificationEvent>()
            .CountAsync(e => e.Kind == Portal.Notifications.NotificationKind.BallotReceipt && e.CompoundId == c.Id));
        Assert.Equal(owners.Count, receiptEvents);
        var verification = await factory.VerifyAsync(vote.Id);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));

        // A batch with a ballot the database refuses (a choice missing: NOT NULL) writes the others, one by one.
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        CastWrite Write(long owner, long matterId, string receipt) => new(vote.Id, owner, $"{matter}:agree", receipt, now, owners[0].UserId,
            matterId == matter ? [matter] : [matter, matterId], [(int)Choice.Agree], [null], "{\"channel\":\"online\",\"version\":", ",\"actor\":\"x\",\"at\":0,\"payload\":", []);
        await using var holder2 = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await holder2.OpenAsync();
        await using var tx2 = await holder2.BeginTransactionAsync();
        await using (var lockIt = new Npgsql.NpgsqlCommand($"SELECT 1 FROM \"Vote\" WHERE \"Id\" = {vote.Id} FOR UPDATE", holder2, tx2))
            await lockIt.ExecuteScalarAsync();
        var blocker = combiner.WriteAsync(database.ConnectionString, Write(owners[0].Owner, matter, "RCPTA00001"));
        await Eventually.Until(() => Task.FromResult(combiner.Unwritten(vote.Id) == 1 && combiner.Waiting(vote.Id) == 0), "the first batch taken", TimeSpan.FromSeconds(30));
        var good = combiner.WriteAsync(database.ConnectionString, Write(owners[1].Owner, matter, "RCPTB00001"));
        var bad = combiner.WriteAsync(database.ConnectionString, Write(owners[2].Owner, 999_999_999, "RCPTC00001"));
        await Eventually.Until(() => Task.FromResult(combiner.Waiting(vote.Id) == 2), "two ballots waiting", TimeSpan.FromSeconds(30));
        await tx2.CommitAsync();
        Assert.Equal(2, (await blocker).Version);
        Assert.Equal(2, (await good).Version);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => bad);
        var changed = await factory.WithDb(db => db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id && b.Version == 2).CountAsync());
        Assert.Equal(2, changed);
        Assert.Equal(1, await factory.WithDb(db => db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id && b.OwnerOfRecordId == owners[2].Owner).Select(b => b.Version).SingleAsync()));
    }
}
