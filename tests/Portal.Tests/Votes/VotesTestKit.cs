using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Pages.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>The real clock moved by an offset a test controls (closing time, objection period).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>
/// The app with a clock tests can move. Opening and closing are driven by the tests themselves, so the recurring
/// sweep (which acts on the moved clock) is not registered here; <see cref="DroppedJobs"/> makes enqueuing jobs of
/// those types a no-op, as if the process had stopped before scheduling them.
/// </summary>
public sealed class VotesFactory : PortalFactory
{
    public ShiftedClock Clock { get; } = new();
    /// <summary>Job classes whose enqueuing and scheduling are dropped; set before the app starts.</summary>
    public HashSet<Type> DroppedJobs { get; } = [];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        // Hangfire's default JobActivator is the process-wide JobActivator.Current, i.e. the last host built in this
        // test process (possibly disposed by now). Each host activates its jobs from its own services instead.
        services.RemoveAll<Hangfire.JobActivator>();
        services.AddSingleton<Hangfire.JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        foreach (var sweep in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(VoteRecurringJobs)).ToList())
            services.Remove(sweep);
        var client = services.Last(d => d.ServiceType == typeof(IBackgroundJobClient));
        services.Remove(client);
        services.AddSingleton<IBackgroundJobClient>(sp => new DroppingJobClient(
            (IBackgroundJobClient)(client.ImplementationInstance ?? client.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, client.ImplementationType!)),
            DroppedJobs));
    }

    private sealed class DroppingJobClient(IBackgroundJobClient inner, IReadOnlySet<Type> dropped) : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => dropped.Contains(job.Type) ? "dropped" : inner.Create(job, state);
        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}

public sealed class VotesFixture : IAsyncLifetime
{
    public VotesFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public static class VotesTestKit
{
    public static int Counter;
    public static string NewCode(string prefix) => $"{prefix}{Interlocked.Increment(ref Counter)}{Guid.NewGuid().ToString("N")[..4]}".ToUpperInvariant();

    /// <summary>
    /// Rules without notice, minimum, counting or objection periods, and with the split shown while voting, so a test can open and close a vote at once. The periods
    /// themselves are tested in CompoundRulesTests.
    /// </summary>
    public static Task RelaxVoteRulesAsync(this PortalFactory factory, TestCompound compound) =>
        factory.Scoped(sp => sp.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id,
            new SetCompoundRules.Changes(NoticeDays: 0, MinVotingDays: 0, ObjectionDays: 0, CountingDays: 0, HideSplitUntilClose: false), "test", CancellationToken.None));

    /// <summary>Creates a vote under relaxed rules (<see cref="RelaxVoteRulesAsync"/>) unless the compound has set its own.</summary>
    public static Task<Vote> CreateVoteAsync(this PortalFactory factory, TestCompound compound, string title, IVotingRule rule, Scope scope,
        TimeSpan? closesIn = null, int objectionDays = 1, IReadOnlyList<string>? options = null, TimeSpan? opensIn = null) =>
        factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            if (!await db.Set<CompoundRules>().AnyAsync(r => r.CompoundId == compound.Id))
                await sp.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id,
                    new SetCompoundRules.Changes(NoticeDays: 0, MinVotingDays: 0, ObjectionDays: 0, CountingDays: 0, HideSplitUntilClose: false), "test", CancellationToken.None);
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(compound.Id, title, rule, scope,
                now + opensIn, now + (closesIn ?? TimeSpan.FromDays(7)), objectionDays, 24, options), "test", CancellationToken.None);
        });

    public static Task<CastReceipt> RecordAsync(this PortalFactory factory, long voteId, TestCompound compound, long flatId, Choice choice) =>
        factory.Scoped(async sp =>
        {
            var counter = sp.GetRequiredService<VoteCounter>();
            var matters = await counter.MattersAsync(voteId);
            return await sp.GetRequiredService<RecordPaperBallot>().RunAsync(voteId, compound.Id, flatId,
                matters.Select(m => new MatterChoice(m.MatterId, choice)).ToList(),
                new BallotMeta(BallotChannel.Paper, "test", flatId, new DateOnly(2026, 12, 1), null, null), CancellationToken.None);
        });

    public static Task<IReadOnlyList<MatterResult>> TallyAsync(this PortalFactory factory, long voteId) =>
        factory.Scoped(sp => sp.GetRequiredService<VoteCounter>().TallyAsync(voteId));

    /// <summary>
    /// Closes the vote as the closing job does and, when its counting window is over already (relaxed rules: no
    /// counting days), has two scrutineers sign off the count, so the preliminary result is published as before
    /// counting and scrutiny existed. True for the one call that closed it.
    /// </summary>
    public static async Task<bool> CloseAsync(this PortalFactory factory, long voteId)
    {
        var closed = await factory.Scoped(sp => sp.GetRequiredService<CloseVote>().RunAsync(voteId));
        if (closed) await factory.SignOffIfDueAsync(voteId);
        return closed;
    }

    public const string ScrutineerA = "scrutineer-a";
    public const string ScrutineerB = "scrutineer-b";

    /// <summary>Names two scrutineers (if none are named) and has them sign off, when the vote is counting and its window is over.</summary>
    public static async Task SignOffIfDueAsync(this PortalFactory factory, long voteId)
    {
        var vote = await factory.VoteAsync(voteId);
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!vote.CountingWindowOverAt(now) || vote.CountedAt is not null) return;
        var named = await factory.WithDb(db => db.Set<VoteScrutineer>().Where(s => s.VoteId == voteId).Select(s => s.UserId).ToListAsync());
        if (named.Count == 0)
        {
            await factory.WithDb(async db =>
            {
                db.AddRange(new VoteScrutineer(voteId, ScrutineerA, "监票人甲", "test", now), new VoteScrutineer(voteId, ScrutineerB, "计票人乙", "test", now));
                await db.SaveChangesAsync();
                return 0;
            });
            named = [ScrutineerA, ScrutineerB];
        }
        foreach (var user in named)
            await factory.Scoped(sp => sp.GetRequiredService<SignOffCount>().RunAsync(voteId, vote.CompoundId, user));
    }

    public static Task<VoteAuditLog.Verification> VerifyAsync(this PortalFactory factory, long voteId) =>
        factory.Scoped(sp => sp.GetRequiredService<VoteAuditLog>().VerifyAsync(voteId));

    public static Task<Vote> VoteAsync(this PortalFactory factory, long voteId) =>
        factory.WithDb(db => db.Set<Vote>().AsNoTracking().FirstAsync(v => v.Id == voteId));
}
