using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Funding;
using Portal.Features.Projects;
using Portal.Notifications;
using Portal.Features.Register;

namespace Portal.Features.Proposals;

/// <summary>What the proposal use cases share: links, support thresholds, scope names and telling people a proposal moved.</summary>
public sealed class ProposalOperations(PortalDb db, INotifier notifier)
{
    public static string Link(Compound compound, long proposalId) => $"/c/{compound.Code}/proposals/{proposalId}";

    public Task<int> FlatsInScopeAsync(long compoundId, Scope scope, CancellationToken ct) => db.FlatsIn(compoundId, scope).CountAsync(ct);

    public async Task<int> ThresholdAsync(Compound compound, Proposal proposal, CancellationToken ct) =>
        SupportThreshold.For(await FlatsInScopeAsync(compound.Id, proposal.Scope, ct), compound.SupportThresholdBasisPoints);

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

    /// <summary>Tells the committee the proposal has enough support to be reviewed (and the author and supporters that it moved).</summary>
    public async Task TellThresholdReachedAsync(Compound compound, Proposal proposal, CancellationToken ct)
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
