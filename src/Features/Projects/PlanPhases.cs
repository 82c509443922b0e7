using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Consultations;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Votes;

namespace Portal.Features.Projects;

public enum PhaseState
{
    /// <summary>Not reached yet.</summary>
    Upcoming = 0,
    /// <summary>Under way now.</summary>
    Current = 1,
    Done = 2,
    /// <summary>Not held, with a reason (the convener's, or the rule's: basic works need no owners' vote).</summary>
    Skipped = 3,
}

/// <summary>One line of the phase list: its state, the page it links to, and why it was skipped.</summary>
public sealed record PhaseLine(PlanPhase Phase, PhaseState State, string? Link, string? SkipReason, bool SkippedByRule);

/// <summary>
/// Where an upgrade stands, as the explicit list of phases: proposal → willingness consultation → plan consultation →
/// plan publication → vote → co-funding → construction → acceptance → satisfaction. Each state is read from the
/// records of that phase; a phase a convener marked skipped shows the reason.
/// </summary>
public sealed class PlanPhases(PortalDb db, TimeProvider clock)
{
    public static readonly IReadOnlyList<PlanPhase> Order = Enum.GetValues<PlanPhase>();

    public async Task<IReadOnlyList<PhaseLine>> OfAsync(Compound compound, PlanItem item, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var code = compound.Code;
        var skips = await db.Set<PlanPhaseSkip>().AsNoTracking().Where(s => s.PlanItemId == item.Id).ToDictionaryAsync(s => s.Phase, s => s.Reason, ct);
        var consultations = await db.Set<Consultation>().AsNoTracking().Where(c => c.PlanItemId == item.Id && c.CompoundId == compound.Id)
            .Select(c => new { c.Id, c.Kind, c.OpensAt, c.ClosesAt }).ToListAsync(ct);
        var versions = await db.Set<PlanVersion>().AsNoTracking().Where(v => v.PlanItemId == item.Id)
            .Select(v => new { v.Id, v.Number, v.PublishedAt, v.PublicationEndsAt }).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var proposalId = item.ProposalId;
        var votes = await db.Set<Matter>().AsNoTracking()
            .Where(m => (m.PlanVersionId != null && versionIds.Contains(m.PlanVersionId.Value)) || (proposalId != null && m.ProposalId == proposalId))
            .Join(db.Set<Vote>().Where(v => v.CompoundId == compound.Id), m => m.VoteId, v => v.Id, (m, v) => new { v.Id, v.Status })
            .Distinct().ToListAsync(ct);
        var campaign = await db.Set<Campaign>().AsNoTracking().Where(c => c.PlanItemId == item.Id).OrderByDescending(c => c.Id)
            .Select(c => new { c.Status }).FirstOrDefaultAsync(ct);
        var accepted = await db.Set<AcceptanceRecord>().AnyAsync(a => a.PlanItemId == item.Id, ct);
        var survey = await db.Set<SatisfactionSurvey>().AsNoTracking().Where(s => s.PlanItemId == item.Id)
            .Select(s => new { s.ClosedAt, s.ClosesAt }).FirstOrDefaultAsync(ct);

        var lines = new List<PhaseLine>();
        void Line(PlanPhase phase, PhaseState state, string? link)
        {
            if (state is PhaseState.Upcoming && skips.TryGetValue(phase, out var reason))
                lines.Add(new PhaseLine(phase, PhaseState.Skipped, link, reason, false));
            else lines.Add(new PhaseLine(phase, state, link, null, false));
        }

        // Proposal: an item the committee put on the plan itself had none.
        if (proposalId is { } pid) Line(PlanPhase.Proposal, PhaseState.Done, $"/c/{code}/proposals/{pid}");
        else lines.Add(new PhaseLine(PlanPhase.Proposal, PhaseState.Skipped, null, skips.GetValueOrDefault(PlanPhase.Proposal), SkippedByRule: !skips.ContainsKey(PlanPhase.Proposal)));

        foreach (var (phase, kind) in new[] { (PlanPhase.WillingnessConsultation, ConsultationKind.Willingness), (PlanPhase.PlanConsultation, ConsultationKind.Plan) })
        {
            var held = consultations.Where(c => c.Kind == kind).OrderByDescending(c => c.OpensAt).FirstOrDefault();
            var state = held is null ? PhaseState.Upcoming : now >= held.ClosesAt ? PhaseState.Done : PhaseState.Current;
            Line(phase, state, held is null ? null : $"/c/{code}/consultations/{held.Id}");
        }

        var latest = versions.OrderByDescending(v => v.Number).FirstOrDefault();
        Line(PlanPhase.PlanPublication, latest is null ? PhaseState.Upcoming : now >= latest.PublicationEndsAt ? PhaseState.Done : PhaseState.Current,
            latest is null ? null : PlanVersions.Link(compound, item.Id));

        // Basic works (基础类) need no owners' vote; the plan is still consulted on and published.
        if (item.Category == PlanCategory.Basic && votes.Count == 0)
            lines.Add(new PhaseLine(PlanPhase.Vote, PhaseState.Skipped, null, null, SkippedByRule: true));
        else
        {
            var vote = votes.OrderByDescending(v => v.Id).FirstOrDefault();
            var state = vote is null ? PhaseState.Upcoming : vote.Status == VoteStatus.Final ? PhaseState.Done : PhaseState.Current;
            Line(PlanPhase.Vote, state, vote is null ? null : $"/c/{code}/votes/{vote.Id}");
        }

        var funding = campaign is null ? PhaseState.Upcoming : campaign.Status == CampaignStatus.Open ? PhaseState.Current : PhaseState.Done;
        Line(PlanPhase.CoFunding, funding, campaign is null ? null : $"/c/{code}/funding/{item.Id}");

        var itemLink = ProjectQueries.Link(compound, item.Id);
        var construction = item.Status switch
        {
            PlanItemStatus.Tendering or PlanItemStatus.InConstruction => PhaseState.Current,
            PlanItemStatus.Completed or PlanItemStatus.Accepted => PhaseState.Done,
            _ => PhaseState.Upcoming,
        };
        Line(PlanPhase.Construction, construction, itemLink);
        Line(PlanPhase.Acceptance, accepted ? PhaseState.Done : item.Status == PlanItemStatus.Completed ? PhaseState.Current : PhaseState.Upcoming,
            itemLink);
        var satisfaction = survey is null ? PhaseState.Upcoming : survey.ClosedAt is not null || now >= survey.ClosesAt ? PhaseState.Done : PhaseState.Current;
        Line(PlanPhase.Satisfaction, satisfaction, itemLink);
        return lines;
    }
}
