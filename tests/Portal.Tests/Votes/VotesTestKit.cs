using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

/// <summary>The app with a clock tests can move.</summary>
public sealed class VotesFactory : PortalFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        // Hangfire's default JobActivator is the process-wide JobActivator.Current, i.e. the last host built in this
        // test process (possibly disposed by now). Each host activates its jobs from its own services instead.
        services.RemoveAll<Hangfire.JobActivator>();
        services.AddSingleton<Hangfire.JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
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

    public static Task<Vote> CreateVoteAsync(this PortalFactory factory, TestCompound compound, string title, VoteRuleKind rule, Scope scope,
        TimeSpan? closesIn = null, int objectionDays = 1, IReadOnlyList<string>? options = null) =>
        factory.Scoped(sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return sp.GetRequiredService<VoteOperations>().CreateAsync(new VoteOperations.NewVote(compound.Id, compound.Code, title, rule, scope,
                null, now + (closesIn ?? TimeSpan.FromDays(7)), objectionDays, 24, options), "test", CancellationToken.None);
        });

    public static Task<VoteOperations.CastReceipt> RecordAsync(this PortalFactory factory, long voteId, TestCompound compound, long flatId, Choice choice) =>
        factory.Scoped(async sp =>
        {
            var counter = sp.GetRequiredService<VoteCounter>();
            var matters = await counter.MattersAsync(voteId);
            return await sp.GetRequiredService<VoteOperations>().RecordPaperAsync(voteId, compound.Id, flatId,
                matters.Select(m => new MatterChoice(m.MatterId, choice)).ToList(),
                new VoteOperations.BallotMeta(BallotChannel.Paper, "test", flatId, new DateOnly(2026, 12, 1), null, null), CancellationToken.None);
        });

    public static Task<IReadOnlyList<MatterResult>> TallyAsync(this PortalFactory factory, long voteId) =>
        factory.Scoped(sp => sp.GetRequiredService<VoteCounter>().TallyAsync(voteId));

    public static Task<bool> CloseAsync(this PortalFactory factory, long voteId) =>
        factory.Scoped(sp => sp.GetRequiredService<VoteOperations>().CloseAsync(voteId));

    public static Task<VoteAuditLog.Verification> VerifyAsync(this PortalFactory factory, long voteId) =>
        factory.Scoped(sp => sp.GetRequiredService<VoteAuditLog>().VerifyAsync(voteId));

    public static Task<Vote> VoteAsync(this PortalFactory factory, long voteId) =>
        factory.WithDb(db => db.Set<Vote>().AsNoTracking().FirstAsync(v => v.Id == voteId));
}
