using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.City;
using Portal.Domain.Projects;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Features.City;
using Portal.Ops;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.City;

/// <summary>The dashboard's figures by national category (国办发〔2020〕23号) count the plan items of the compounds shown.</summary>
public sealed class CityCategoryTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();

    public async ValueTask InitializeAsync() =>
        await factory.WithDb(db => SeedCityCommand.SeedAsync(db, CityProgrammeProfile.Tangshan2021, replace: false));

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Plan_items_are_counted_by_national_category_without_cancelled_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var district = await factory.WithDb(async db =>
        {
            var two = await db.Set<Compound>().Where(c => c.City == "唐山市").OrderBy(c => c.Id).Take(2).ToListAsync();
            var drainage = new PlanItem(two[0].Id, PlanCategory.Basic, "雨污分流管网改造", "", Scope.WholeCompound, 95_000_000, null, now);
            foreach (var s in new[] { PlanItemStatus.Approved, PlanItemStatus.Tendering, PlanItemStatus.InConstruction, PlanItemStatus.Completed })
                drainage.MoveTo(s, now);
            var roof = new PlanItem(two[1].Id, PlanCategory.Basic, "屋面防水", "", Scope.WholeCompound, 10_000_000, null, now);
            var shed = new PlanItem(two[0].Id, PlanCategory.Improvement, "2号楼电动自行车充电棚", "", Scope.WholeCompound, 3_000_000, null, now);
            var clinic = new PlanItem(two[0].Id, PlanCategory.Upgrade, "社区卫生服务站", "", Scope.WholeCompound, 20_000_000, null, now);
            clinic.MoveTo(PlanItemStatus.Cancelled, now);
            db.AddRange(drainage, roof, shed, clinic);
            await db.SaveChangesAsync();
            return two[0].District;
        });

        var all = await factory.Scoped(sp => sp.GetRequiredService<CitySummaryQuery>().SummaryAsync(new("唐山市", null, null, null), default));
        var byCategory = all.Categories.ToDictionary(c => c.Category);
        Assert.Equal([PlanCategory.Basic, PlanCategory.Improvement, PlanCategory.Upgrade], all.Categories.Select(c => c.Category));
        Assert.Equal(new CategoryTotals(PlanCategory.Basic, 2, 2, 1, 105_000_000), byCategory[PlanCategory.Basic]);
        Assert.Equal(new CategoryTotals(PlanCategory.Improvement, 1, 1, 0, 3_000_000), byCategory[PlanCategory.Improvement]);
        Assert.Equal(new CategoryTotals(PlanCategory.Upgrade, 0, 0, 0, 0), byCategory[PlanCategory.Upgrade]);

        var elsewhere = await factory.Scoped(sp => sp.GetRequiredService<CitySummaryQuery>().SummaryAsync(new("唐山市", null, null, 2022), default));
        Assert.All(elsewhere.Categories, c => Assert.Equal(0, c.Items));

        var email = $"officer-{Guid.NewGuid():N}@example.com";
        var user = await factory.CreateUserAsync(email);
        await factory.MakeCityOfficerAsync(user.Id, "唐山市", null);
        var page = await (await factory.SignedInClientAsync(email)).GetDocumentAsync("/city?district=" + Uri.EscapeDataString(district));
        var basic = page.QuerySelector("#category-Basic")!;
        Assert.Contains("基础类", basic.TextContent);
        Assert.True(int.Parse(basic.QuerySelector("[data-field=items]")!.TextContent) >= 1);
        Assert.Contains("完善类", page.QuerySelector("#category-Improvement")!.TextContent);
        Assert.Contains("提升类", page.QuerySelector("#category-Upgrade")!.TextContent);
    }
}
