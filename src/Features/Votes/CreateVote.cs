using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>
/// The committee puts a matter to the owners: the vote opens now (or is scheduled to open) and its closing and
/// reminder are scheduled. The compound's rules (<see cref="CompoundRules"/>) are checked first: a vote announced with
/// less notice, or running shorter, than they require is refused. Should the process stop before scheduling, <see cref="SweepDueVotes"/> opens and closes it.
/// </summary>
public sealed class CreateVote(PortalDb db, TimeProvider clock, OpenVote open, LinkedFeatures linked, AnnounceVote announce, IBackgroundJobClient jobs)
{
    public sealed record NewVote(long CompoundId, string Title, IVotingRule Rule, Scope Scope,
        DateTimeOffset? OpensAt, DateTimeOffset ClosesAt, int ObjectionPeriodDays = 7, int ReminderHoursBefore = 24,
        IReadOnlyList<string>? Options = null, long? ProposalId = null);

    public async Task<Vote> RunAsync(NewVote input, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await CheckScopeAsync(input.CompoundId, input.Scope, ct);
        var opensAt = input.OpensAt is { } o && o > now ? o : now;
        var rules = await db.RulesOfAsync(input.CompoundId, ct);
        rules.CheckSchedule(input.Scope, now, opensAt, input.ClosesAt);
        if (input.ObjectionPeriodDays < rules.ObjectionDays)
            throw new DomainException("vote.objection_too_short", $"The objection period must be at least {rules.ObjectionDays} days.");
        var vote = new Vote(input.CompoundId, input.Title, input.Scope, opensAt, input.ClosesAt, input.ObjectionPeriodDays,
            input.ReminderHoursBefore, byUserId, now, rules.CountingDays);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(vote);
        await db.SaveChangesAsync(ct);
        var matter = new Matter(vote.Id, 1, input.Title, input.Rule, input.ProposalId);
        db.Add(matter);
        await db.SaveChangesAsync(ct);
        var position = 1;
        foreach (var label in (input.Options ?? []).Where(l => !string.IsNullOrWhiteSpace(l)))
            db.Add(new MatterOption(matter.Id, position++, label));
        await db.SaveChangesAsync(ct);
        var openNow = opensAt <= now;
        if (openNow) await open.OpenTrackedAsync(vote, byUserId, ct);
        await tx.CommitAsync(ct);
        await announce.RunAsync(vote, [matter], rules, byUserId, ct);
        if (openNow) await linked.TellOpenedAsync(vote, ct);

        if (!openNow) jobs.Schedule<VoteJobs>(j => j.OpenAsync(vote.Id), opensAt);
        jobs.Schedule<VoteJobs>(j => j.CloseAsync(vote.Id), vote.ClosesAt);
        if (RemindNonVoters.RemindsAt(vote) is { } remindAt)
            jobs.Schedule<VoteJobs>(j => j.RemindAsync(vote.Id), remindAt);
        return vote;
    }

    private async Task CheckScopeAsync(long compoundId, Scope scope, CancellationToken ct)
    {
        if (scope.BuildingId is { } b && !await db.Set<Building>().AnyAsync(x => x.Id == b && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The building is not in this compound.");
        if (scope.EntranceId is { } e && !await db.Set<Entrance>().AnyAsync(x => x.Id == e && x.BuildingId == scope.BuildingId && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The entrance is not in this building.");
    }
}
