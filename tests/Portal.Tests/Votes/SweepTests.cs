using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Opening races, and the recurring sweep that opens and closes votes whose scheduled jobs were lost.</summary>
public sealed class SweepTests
{
    [Fact]
    public async Task Two_servers_opening_the_same_vote_open_it_once_without_an_error()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("OPN"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "楼道照明", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(3), opensIn: TimeSpan.FromHours(1));
        Assert.Equal(VoteStatus.Draft, (await factory.VoteAsync(vote.Id)).Status);

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            factory.Scoped(sp => sp.GetRequiredService<OpenVote>().RunAsync(vote.Id)))));

        Assert.Equal(1, opened.Count(x => x));
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(vote.Id)).Status);
        Assert.Equal(1, await factory.WithDb(db => db.Set<VoteAuditEntry>().CountAsync(e => e.VoteId == vote.Id && e.Action == AuditActions.Open)));
        Assert.Equal(1, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VoteOpened)));
        Assert.Equal(new Weight(4, 20_000), (await factory.TallyAsync(vote.Id)).Single().Eligible); // the winner's electorate stands
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task Votes_whose_jobs_were_never_scheduled_are_opened_reminded_and_closed_by_the_sweep_exactly_once()
    {
        await using var factory = new VotesFactory { DroppedJobs = { typeof(VoteJobs) } }; // as if the process stopped right after saving
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("SWP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var later = await factory.CreateVoteAsync(c, "晚些开始", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(3), opensIn: TimeSpan.FromHours(1));
        var soon = await factory.CreateVoteAsync(c, "即将截止", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var long_ = await factory.CreateVoteAsync(c, "提醒", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromDays(2));
        await factory.RecordAsync(soon.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        var scheduled = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000);
        Assert.DoesNotContain(scheduled, j => j.Value.Job.Type == typeof(VoteJobs));

        await Sweep(factory); // nothing is due yet
        Assert.Equal(VoteStatus.Draft, (await factory.VoteAsync(later.Id)).Status);
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(soon.Id)).Status);

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);
        // Two sweeps and the vote's own closing job at once: each step still happens once.
        await Task.WhenAll(Sweep(factory), Sweep(factory), factory.CloseAsync(soon.Id));
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(later.Id)).Status);
        await factory.SignOffIfDueAsync(soon.Id); // closed by a sweep (counting), or by the job with the kit's sign-off already
        Assert.Equal(VoteStatus.Preliminary, (await factory.VoteAsync(soon.Id)).Status);
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(long_.Id)).Status);
        Assert.Equal(1, await AuditCount(factory, later.Id, AuditActions.Open));
        Assert.Equal(1, await AuditCount(factory, soon.Id, AuditActions.Close));
        Assert.Equal(1, await AuditCount(factory, soon.Id, AuditActions.PublishPreliminary));
        Assert.Equal(0, await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.VoteReminder)));

        factory.Clock.Offset = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1); // 24 hours before the long vote closes
        await Sweep(factory);
        await Sweep(factory);
        var reminders = await factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.VoteReminder).Select(e => e.Link).ToListAsync());
        Assert.Equal([$"/c/{c.Code}/votes/{long_.Id}"], reminders);
        Assert.Equal(VoteStatus.Counting, (await factory.VoteAsync(later.Id)).Status); // its closing time passed too: counted next
        Assert.Equal(VoteStatus.Open, (await factory.VoteAsync(long_.Id)).Status);
        foreach (var id in new[] { later.Id, soon.Id, long_.Id })
            Assert.True((await factory.VerifyAsync(id)).Ok);
    }

    [Fact]
    public async Task A_draft_whose_closing_time_passed_before_it_opened_is_left_a_draft()
    {
        await using var factory = new VotesFactory { DroppedJobs = { typeof(VoteJobs) } };
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("SWD"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await factory.CreateVoteAsync(c, "过期", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(2), opensIn: TimeSpan.FromHours(1));
        factory.Clock.Offset = TimeSpan.FromHours(3);
        await Sweep(factory);
        Assert.Equal(VoteStatus.Draft, (await factory.VoteAsync(vote.Id)).Status);
        Assert.Equal(0, await AuditCount(factory, vote.Id, AuditActions.Open));
    }

    [Fact]
    public async Task The_sweep_is_registered_as_a_recurring_job_every_minute()
    {
        await using var factory = new PortalFactory();
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var sweep = Assert.Single(connection.GetRecurringJobs(), j => j.Id == SweepDueVotes.RecurringId);
        Assert.Equal(Cron.Minutely(), sweep.Cron);
        Assert.Equal(typeof(SweepDueVotes), sweep.Job.Type);
    }

    private static Task Sweep(VotesFactory factory) => factory.Scoped(sp => sp.GetRequiredService<SweepDueVotes>().RunAsync());

    private static Task<int> AuditCount(VotesFactory factory, long voteId, string action) =>
        factory.WithDb(db => db.Set<VoteAuditEntry>().CountAsync(e => e.VoteId == voteId && e.Action == action));
}
