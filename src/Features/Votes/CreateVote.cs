using Hangfire;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Projects;
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
    /// <remarks>
    /// <see cref="Body"/>: the first matter's full text (safe Markdown); <see cref="Elevator"/>: an elevator retrofit
    /// (civil-code-major, building or entrance scope); <see cref="OccupiedFlatIds"/>: flats whose exclusive parts the works
    /// occupy (each owner must agree); <see cref="MoreMatters"/>: up to two further matters under the same rule;
    /// <see cref="Attachments"/>: plan, drawings, budget, cost-sharing table, published with the announcement.
    /// </remarks>
    public sealed record NewVote(long CompoundId, string Title, IVotingRule Rule, Scope Scope,
        DateTimeOffset? OpensAt, DateTimeOffset ClosesAt, int ObjectionPeriodDays = 7, int ReminderHoursBefore = 24,
        IReadOnlyList<string>? Options = null, long? ProposalId = null, string? Body = null, bool Elevator = false,
        IReadOnlyList<long>? OccupiedFlatIds = null, IReadOnlyList<MoreMatter>? MoreMatters = null,
        IReadOnlyList<Microsoft.AspNetCore.Http.IFormFile>? Attachments = null);

    /// <summary>A further matter; <paramref name="Rule"/> when it is decided under another rule than the first (using the maintenance fund is ordinary beside a major retrofit).</summary>
    public sealed record MoreMatter(string Title, string? Body, IVotingRule? Rule = null);

    public const int MaxMatters = 3;

    public async Task<Vote> RunAsync(NewVote input, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await CheckScopeAsync(input.CompoundId, input.Scope, ct);
        var opensAt = input.OpensAt is { } o && o > now ? o : now;
        var rules = await db.RulesOfAsync(input.CompoundId, ct);
        rules.CheckSchedule(input.Scope, now, opensAt, input.ClosesAt);
        if (input.ObjectionPeriodDays < rules.ObjectionDays)
            throw new DomainException("vote.objection_too_short", $"The objection period must be at least {rules.ObjectionDays} days.");
        var more = (input.MoreMatters ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Title)).ToList();
        if (more.Count + 1 > MaxMatters)
            throw new DomainException("vote.too_many_matters", $"A vote has at most {MaxMatters} matters.");
        if (more.Count > 0 && (input.Options ?? []).Any(o => !string.IsNullOrWhiteSpace(o)))
            throw new DomainException("vote.options_single_matter", "Named options are for a vote with one matter.");
        await CheckOccupiedAsync(input.CompoundId, input.Scope, input.OccupiedFlatIds ?? [], ct);
        var plan = await PlanVersionAsync(input.CompoundId, input.ProposalId, opensAt, ct);
        var vote = new Vote(input.CompoundId, input.Title, input.Scope, opensAt, input.ClosesAt, input.ObjectionPeriodDays,
            input.ReminderHoursBefore, byUserId, now, rules.CountingDays);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(vote);
        await db.SaveChangesAsync(ct);
        var matter = new Matter(vote.Id, 1, input.Title, input.Rule, input.ProposalId);
        matter.Describe(input.Body, input.Elevator, input.OccupiedFlatIds, input.Scope);
        if (plan is not null) matter.CarryPlan(plan.Id);
        db.Add(matter);
        var matters = new List<Matter> { matter };
        foreach (var (m, i) in more.Select((m, i) => (m, i)))
        {
            var extra = new Matter(vote.Id, i + 2, m.Title, m.Rule ?? input.Rule);
            extra.Describe(m.Body, false, null, input.Scope);
            db.Add(extra);
            matters.Add(extra);
        }
        await db.SaveChangesAsync(ct);
        var position = 1;
        foreach (var label in (input.Options ?? []).Where(l => !string.IsNullOrWhiteSpace(l)))
            db.Add(new MatterOption(matter.Id, position++, label));
        await db.SaveChangesAsync(ct);
        var openNow = opensAt <= now;
        if (openNow) await open.OpenTrackedAsync(vote, byUserId, ct);
        await tx.CommitAsync(ct);
        await announce.RunAsync(vote, matters, rules, byUserId, ct, input.Attachments, plan);
        if (openNow) await linked.TellOpenedAsync(vote, ct);

        if (!openNow) jobs.Schedule<VoteJobs>(j => j.OpenAsync(vote.Id), opensAt);
        jobs.Schedule<VoteJobs>(j => j.CloseAsync(vote.Id), vote.ClosesAt);
        if (RemindNonVoters.RemindsAt(vote) is { } remindAt)
            jobs.Schedule<VoteJobs>(j => j.RemindAsync(vote.Id), remindAt);
        return vote;
    }

    /// <summary>
    /// The plan version the matter carries: the latest published version of the upgrade the proposal became. Basic
    /// works (基础类) need no owners' vote; and owners vote on a plan only once its publication period (方案公示) is over.
    /// </summary>
    private async Task<PlanVersion?> PlanVersionAsync(long compoundId, long? proposalId, DateTimeOffset opensAt, CancellationToken ct)
    {
        if (proposalId is null) return null;
        var item = await db.Set<PlanItem>().AsNoTracking().FirstOrDefaultAsync(i => i.ProposalId == proposalId && i.CompoundId == compoundId, ct);
        if (item is null) return null;
        if (item.Category == PlanCategory.Basic)
            throw new DomainException("vote.basic_works_need_no_vote", "Basic works need no owners' vote: publish and consult on their plan instead.");
        var version = await db.Set<PlanVersion>().AsNoTracking().Where(v => v.PlanItemId == item.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (version is not null && opensAt < version.PublicationEndsAt)
            throw new DomainException("vote.plan_still_published", "The vote may open only after the plan's publication period has ended.");
        return version;
    }

    /// <summary>拟占用专有部分: the occupied flats must be flats of the vote's scope.</summary>
    private async Task CheckOccupiedAsync(long compoundId, Scope scope, IReadOnlyList<long> flatIds, CancellationToken ct)
    {
        if (flatIds.Count == 0) return;
        var ids = flatIds.Distinct().ToList();
        var flats = await db.Set<Flat>().Where(f => ids.Contains(f.Id) && f.CompoundId == compoundId).ToListAsync(ct);
        if (flats.Count != ids.Count || flats.Any(f => (scope.BuildingId is { } b && f.BuildingId != b) || (scope.EntranceId is { } e && f.EntranceId != e)))
            throw new DomainException("matter.occupied_outside_scope", "The occupied flats must be flats of the vote's scope.");
    }

    private async Task CheckScopeAsync(long compoundId, Scope scope, CancellationToken ct)
    {
        if (scope.BuildingId is { } b && !await db.Set<Building>().AnyAsync(x => x.Id == b && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The building is not in this compound.");
        if (scope.EntranceId is { } e && !await db.Set<Entrance>().AnyAsync(x => x.Id == e && x.BuildingId == scope.BuildingId && x.CompoundId == compoundId, ct))
            throw new DomainException("vote.scope_unknown", "The entrance is not in this building.");
    }
}
