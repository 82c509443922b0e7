using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Shared;
using Portal.Features.Funding;
using Portal.Pages.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>A clock tests can move.</summary>
public sealed class MovableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class FundingFactory : PortalFactory
{
    public MovableClock Clock { get; } = new();
    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// An elevator retrofit for one entrance of six floors (one 50.00 m² flat a floor): ¥60,000 cost, ¥26,000 central
/// subsidy, residents' ¥34,000 shared by floor coefficient × area → floors 1–2 pay 0, 3: ¥7,000, 4: ¥8,000, 5: ¥9,000, 6: ¥10,000.
/// </summary>
public sealed record FundingScenario(TestCompound Compound, long PlanItemId, long CampaignId)
{
    public const long Total = 6_000_000;
    public const long Subsidy = 2_600_000;

    public static async Task<FundingScenario> CreateAsync(PortalFactory factory, string code, bool openCampaign = true, long? goal = null)
    {
        var compound = await factory.CreateCompoundAsync(code, buildings: 1, entrances: 1, floors: 6, flatsPerFloor: 1);
        var entrance = compound.Entrance("1", "1");
        var itemId = await factory.WithDb(async db =>
        {
            var item = new PlanItem(compound.Id, PlanCategory.Upgrade, "加装电梯", "1号楼1单元", Scope.OfEntrance(entrance.BuildingId, entrance.Id), Total, null, DateTimeOffset.UtcNow);
            db.Add(item);
            await db.SaveChangesAsync();
            var scheme = new CostSharingScheme(compound.Id, item.Id, Total, CostSharingMethod.FloorCoefficient, DateTimeOffset.UtcNow);
            scheme.SetCosts(Total, new Dictionary<FundingSource, long> { [FundingSource.CentralSubsidy] = Subsidy });
            db.Add(scheme);
            await db.SaveChangesAsync();
            return item.Id;
        });
        long campaignId = 0;
        if (openCampaign)
            campaignId = goal is null
                ? await factory.Scoped(async sp => (await sp.GetRequiredService<CampaignOpening>().OpenForPassedVoteAsync(itemId, voteId: 42)).Id)
                : await factory.Scoped(async sp => (await sp.GetRequiredService<CampaignOpening>().OpenAsync(itemId, goal.Value, DateTimeOffset.UtcNow.AddDays(30),
                    CampaignMode.AllOrNothing, 0, "committee")).Id);
        return new FundingScenario(compound, itemId, campaignId);
    }
}
