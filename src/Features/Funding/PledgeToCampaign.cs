using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;

namespace Portal.Features.Funding;

/// <summary>Who pledges: the owner of record of the account's flats in scope, or the account itself (tenants, family).</summary>
public sealed record PledgeHolder(long? OwnerOfRecordId, string UserId)
{
    public string Key => OwnerOfRecordId is { } o ? $"owner:{o}" : $"user:{UserId}";
}

/// <summary>A resident pledges, changes or withdraws a pledge to a campaign.</summary>
public sealed class PledgeToCampaign(PortalDb db, FundingQueries queries, HouseholdQuote quotes, ICardPayments cards, INotifier notifier, TimeProvider clock)
{
    public static PledgeHolder HolderOf(Membership membership, string userId, Scope scope)
    {
        var owner = membership.Ties.Where(t => t.Relation.MayVote() && scope.Covers(t.BuildingId, t.EntranceId))
            .OrderBy(t => t.FlatId).Select(t => (long?)t.OwnerOfRecordId).FirstOrDefault();
        return new PledgeHolder(owner, userId);
    }

    public async Task<Pledge?> CurrentAsync(long campaignId, PledgeHolder holder, CancellationToken ct = default) =>
        await db.Set<Pledge>().FirstOrDefaultAsync(p => p.CampaignId == campaignId && p.HolderKey == holder.Key, ct);

    public async Task<long> AllocatedAsync(PledgeHolder holder, long planItemId, CancellationToken ct = default) =>
        holder.OwnerOfRecordId is { } o ? (await quotes.ForOwnersAsync(new HashSet<long> { o }, planItemId, ct))?.HouseholdFen ?? 0 : 0;

    /// <summary>Makes or changes the household's pledge; returns it saved.</summary>
    public async Task<Pledge> PledgeAsync(Campaign campaign, PledgeHolder holder, long amountFen, PledgeMethod method, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var pledge = await CurrentAsync(campaign.Id, holder, ct);
        if (pledge is null)
        {
            pledge = new Pledge(campaign, holder.OwnerOfRecordId, holder.UserId, amountFen, await AllocatedAsync(holder, campaign.PlanItemId, ct), method, now);
            db.Add(pledge);
        }
        else
        {
            var savedCard = pledge.Status == PledgeStatus.CardSaved ? pledge.StripePaymentMethodId : null;
            pledge.Change(campaign, amountFen, method, now);
            // The card was saved with consent to another amount: detach it at Stripe before the change is saved, so it can never be charged.
            if (savedCard is not null && pledge.StripePaymentMethodId is null) await cards.DetachReplacedCardAsync(pledge, savedCard, ct);
        }
        await AssignReferenceAsync(pledge, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(pledge).State == EntityState.Added)
        {
            // The unique (campaign, household) index: the same household pledged at the same moment (a double click,
            // another member). Answer as a second post would: the winner's pledge takes this amount and method.
            db.Entry(pledge).State = EntityState.Detached;
            pledge = await CurrentAsync(campaign.Id, holder, ct)
                     ?? throw new DomainException("pledge.duplicate", "This household has already pledged.");
            pledge.Change(campaign, amountFen, method, now);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { throw new DomainException("pledge.duplicate", "This household has already pledged."); }
        }
        await NoteGoalAsync(campaign, ct);
        return pledge;
    }

    /// <summary>Gives the pledge its transfer-memo code, unique across pledges and running-cost charges.</summary>
    internal async Task AssignReferenceAsync(Pledge pledge, CancellationToken ct)
    {
        if (pledge.TransferReference is not null) return;
        pledge.AssignTransferReference(await TransferReferences.NewAsync(db, new HashSet<string>(), ct));
    }

    public async Task WithdrawAsync(Campaign campaign, PledgeHolder holder, CancellationToken ct = default)
    {
        var pledge = await CurrentAsync(campaign.Id, holder, ct)
            ?? throw new DomainException("pledge.none", "There is no pledge to withdraw.");
        pledge.Withdraw(campaign, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    private async Task NoteGoalAsync(Campaign campaign, CancellationToken ct)
    {
        var (raised, _, _) = await queries.RaisedAsync(campaign.Id, ct);
        if (!campaign.NoteRaised(raised, clock.GetUtcNow())) return;
        var item = await db.Set<PlanItem>().SingleAsync(p => p.Id == campaign.PlanItemId, ct);
        var code = await db.Set<Compound>().Where(c => c.Id == campaign.CompoundId).Select(c => c.Code).SingleAsync(ct);
        notifier.Raise(NotificationKind.CampaignGoalReached, campaign.CompoundId, Audience.WithRole(CompoundRoleKind.Committee),
            $"/c/{code}/funding/{item.Id}", new Dictionary<string, string> { ["title"] = item.Title, ["goal"] = Money.FormatYuan(campaign.GoalFen) });
        await db.SaveChangesAsync(ct);
    }
}
