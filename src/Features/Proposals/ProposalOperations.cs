using Portal.Domain.Funding;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Features.Register;

namespace Portal.Features.Proposals;

public enum SupportOutcome { Supported, ReachedThreshold, AlreadySupported, NotAllowed, Withdrawn, NotWithdrawable }

/// <summary>What residents and the committee do to proposals, as a resident would say it. Callers hold the capability.</summary>
public sealed class ProposalOperations(PortalDb db, INotifier notifier, TimeProvider clock)
{
    public static string Link(Compound compound, long proposalId) => $"/c/{compound.Code}/proposals/{proposalId}";

    public Task<int> FlatsInScopeAsync(long compoundId, Scope scope, CancellationToken ct) => db.FlatsIn(compoundId, scope).CountAsync(ct);

    public async Task<int> ThresholdAsync(Compound compound, Proposal proposal, CancellationToken ct) =>
        SupportThreshold.For(await FlatsInScopeAsync(compound.Id, proposal.Scope, ct), compound.SupportThresholdBasisPoints);

    /// <summary>附议. Safe to call twice: the unique index and the proposal's version token decide a race.</summary>
    public async Task<SupportOutcome> SupportAsync(Compound compound, long proposalId, Membership membership, string userId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var proposal = await db.Set<Proposal>().Include(p => p.Timeline)
                .FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
            if (proposal is null) return SupportOutcome.NotAllowed;
            if (await db.Set<ProposalSupport>().AnyAsync(s => s.ProposalId == proposalId && s.UserId == userId, ct))
                return SupportOutcome.AlreadySupported;
            if (!proposal.CanBeSupportedBy(membership, userId)) return SupportOutcome.NotAllowed;

            var now = clock.GetUtcNow();
            db.Add(new ProposalSupport(proposalId, userId, now));
            var count = await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposalId, ct) + 1;
            var reached = proposal.RecordSupportCount(count, await ThresholdAsync(compound, proposal, ct), now);
            if (reached) await TellThresholdReachedAsync(compound, proposal, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return reached ? SupportOutcome.ReachedThreshold : SupportOutcome.Supported;
            }
            catch (DbUpdateException)
            {
                // Another click or another supporter got there first: read again.
                db.ChangeTracker.Clear();
            }
        }
        return SupportOutcome.AlreadySupported;
    }

    public async Task<SupportOutcome> WithdrawSupportAsync(Compound compound, long proposalId, string userId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == proposalId && p.CompoundId == compound.Id, ct);
            var support = await db.Set<ProposalSupport>().FirstOrDefaultAsync(s => s.ProposalId == proposalId && s.UserId == userId, ct);
            if (proposal is null || support is null) return SupportOutcome.NotAllowed;
            if (!proposal.SupportWithdrawable) return SupportOutcome.NotWithdrawable;
            db.Remove(support);
            var count = await db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposalId, ct) - 1;
            proposal.RecordSupportCount(Math.Max(0, count), int.MaxValue, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return SupportOutcome.Withdrawn;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return SupportOutcome.NotWithdrawable;
    }

    /// <summary>Accepts to a vote and puts the upgrade on the renovation plan.</summary>
    public async Task<PlanItem> AcceptToVoteAsync(Compound compound, Proposal proposal, long costFen, CostSharingMethod method, string? note, string byUserId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        proposal.AcceptToVote(costFen, method, now, byUserId, note);
        var description = proposal.Description.Length > 4000 ? proposal.Description[..4000] : proposal.Description;
        var item = new PlanItem(compound.Id, PlanCategory.Upgrade, proposal.Title, description, proposal.Scope, costFen, proposal.Id, now);
        db.Add(item);
        await TellStatusChangedAsync(compound, proposal, ct);
        return item;
    }

    /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>; its supporters carry over (each once).</summary>
    public async Task MergeAsync(Compound compound, Proposal source, Proposal target, string? note, string byUserId, CancellationToken ct)
    {
        if (target.Id == source.Id || target.CompoundId != compound.Id ||
            target.Status is not (ProposalStatus.Published or ProposalStatus.UnderReview or ProposalStatus.AcceptedToVote))
            throw new DomainException("proposal.merge_target_invalid", "Merge only into another open proposal of this compound.");
        var now = clock.GetUtcNow();
        source.MergeInto(target.Id, now, byUserId, string.IsNullOrWhiteSpace(note) ? $"→ #{target.Id} {target.Title}" : note);

        var already = await db.Set<ProposalSupport>().Where(s => s.ProposalId == target.Id).Select(s => s.UserId).ToListAsync(ct);
        var carried = await db.Set<ProposalSupport>().Where(s => s.ProposalId == source.Id).Select(s => s.UserId).ToListAsync(ct);
        var added = carried.Where(u => u != target.AuthorId).Except(already).Distinct().ToList();
        foreach (var userId in added)
            db.Add(new ProposalSupport(target.Id, userId, now, source.Id));
        if (target.Status == ProposalStatus.Published)
        {
            if (target.RecordSupportCount(already.Count + added.Count, await ThresholdAsync(compound, target, ct), now))
            {
                await TellThresholdReachedAsync(compound, target, ct);
            }
        }
        else
        {
            target.RecordSupportCount(already.Count + added.Count, int.MaxValue, now);
        }
        await TellStatusChangedAsync(compound, source, ct);
    }

    /// <summary>Tells the author and every supporter that the proposal moved (in-app record; delivery by the notifications feature).</summary>
    public async Task TellStatusChangedAsync(Compound compound, Proposal proposal, CancellationToken ct)
    {
        var supporters = await db.Set<ProposalSupport>().Where(s => s.ProposalId == proposal.Id).Select(s => s.UserId).ToListAsync(ct);
        // Include supports added in this unit of work (the one that reached the threshold, those carried over by a merge).
        var adding = db.ChangeTracker.Entries<ProposalSupport>()
            .Where(e => e.State == EntityState.Added && e.Entity.ProposalId == proposal.Id).Select(e => e.Entity.UserId);
        var audience = supporters.Concat(adding).Append(proposal.AuthorId).Distinct().ToArray();
        notifier.Raise(NotificationKind.ProposalStatusChanged, compound.Id, Audience.Users(audience), Link(compound, proposal.Id),
            new Dictionary<string, string> { ["title"] = proposal.Title, ["status"] = proposal.Status.ToString() });
    }

    private async Task TellThresholdReachedAsync(Compound compound, Proposal proposal, CancellationToken ct)
    {
        notifier.Raise(NotificationKind.ProposalThresholdReached, compound.Id, Audience.WithRole(CompoundRoleKind.Committee),
            $"/c/{compound.Code}/proposals/{proposal.Id}/review",
            new Dictionary<string, string> { ["title"] = proposal.Title, ["supporters"] = proposal.SupportCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await TellStatusChangedAsync(compound, proposal, ct);
    }

    /// <summary>Building and entrance names, for scope labels.</summary>
    public async Task<ScopeNames> ScopeNamesAsync(long compoundId, CancellationToken ct)
    {
        var buildings = await db.Set<Building>().Where(b => b.CompoundId == compoundId).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var entrances = await db.Set<Entrance>().Where(e => e.CompoundId == compoundId).ToListAsync(ct);
        return new ScopeNames(buildings, entrances.ToDictionary(e => e.Id, e => e.Name)) { BuildingOf = entrances.ToDictionary(e => e.Id, e => e.BuildingId) };
    }
}

public sealed record ScopeNames(IReadOnlyDictionary<long, string> Buildings, IReadOnlyDictionary<long, string> Entrances)
{
    /// <summary>"compound", "b:12" or "e:34" as used in forms and filters.</summary>
    public static string Value(Scope scope) => scope.Kind switch
    {
        ScopeKind.Building => $"b:{scope.BuildingId}",
        ScopeKind.Entrance => $"e:{scope.EntranceId}",
        _ => "compound",
    };

    public Scope? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == "compound") return Scope.WholeCompound;
        if (value.Length > 2 && long.TryParse(value[2..], out var id))
        {
            if (value.StartsWith("b:") && Buildings.ContainsKey(id)) return Scope.OfBuilding(id);
            if (value.StartsWith("e:") && Entrances.ContainsKey(id) && BuildingOf is not null && BuildingOf.TryGetValue(id, out var b))
                return Scope.OfEntrance(b, id);
        }
        return null;
    }

    public IReadOnlyDictionary<long, long>? BuildingOf { get; init; }

    public string Label(Scope scope, Microsoft.Extensions.Localization.IStringLocalizer t) => scope.Kind switch
    {
        ScopeKind.Building => t["Scope_Building", Buildings.GetValueOrDefault(scope.BuildingId ?? 0, "?")],
        ScopeKind.Entrance => t["Scope_Entrance", Buildings.GetValueOrDefault(scope.BuildingId ?? 0, "?"), Entrances.GetValueOrDefault(scope.EntranceId ?? 0, "?")],
        _ => t["Scope_Compound"],
    };
}

public static class ProposalsSetup
{
    public static IServiceCollection AddProposals(this IServiceCollection services) => services
        .AddScoped<ProposalOperations>()
        .AddScoped<Portal.Features.Votes.IVoteFollowUp, ProposalVoteFollowUp>();
}
