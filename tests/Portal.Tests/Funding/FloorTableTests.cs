using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>The floor-coefficient form offers the published tables by height and entry type; any coefficient is then edited per building or entrance.</summary>
public sealed class FloorTableTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public void The_published_tables_depend_on_height_and_entry_type()
    {
        Assert.Equal([0, 500, 800, 1000, 1200, 1400], FloorCoefficients.Published(EntryType.Level, 6).OrderBy(x => x.Key).Select(x => x.Value));
        // 半层入户: the first floor still climbs half a flight, so it pays a little.
        Assert.Equal([100, 400, 700, 900, 1000, 1100], FloorCoefficients.Published(EntryType.HalfLevel, 6).OrderBy(x => x.Key).Select(x => x.Value));
        Assert.Equal(Enumerable.Range(1, 9).Select(FloorCoefficients.Default), FloorCoefficients.Published(EntryType.Level, 9).OrderBy(x => x.Key).Select(x => x.Value));
        Assert.Equal("funding.floor_out_of_range", Assert.Throws<DomainException>(() => FloorCoefficients.Published(EntryType.Level, 0)).Code);
    }

    [Fact]
    public async Task The_committee_applies_a_table_per_entrance_and_edits_one_floor_of_one_entrance()
    {
        var c = await Factory.CreateCompoundAsync($"FLT{Guid.NewGuid().ToString("N")[..5]}".ToUpperInvariant(), buildings: 1, entrances: 2, floors: 6, flatsPerFloor: 1);
        var building = c.Building("1");
        var itemId = await Factory.WithDb(async db =>
        {
            var item = new PlanItem(c.Id, PlanCategory.Upgrade, "加装电梯", "1号楼", Scope.OfBuilding(building.Id), 12_000_000, null, DateTimeOffset.UtcNow);
            db.Add(item);
            await db.SaveChangesAsync();
            db.Add(new CostSharingScheme(c.Id, item.Id, 12_000_000, CostSharingMethod.FloorCoefficient, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return item.Id;
        });
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var url = $"/c/{c.Code}/funding/{itemId}/cost-sharing";
        var e1 = c.Entrance("1", "1");
        var e2 = c.Entrance("1", "2");

        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Coefficient.Target"] = $"b:{building.Id}", ["Coefficient.Entry"] = "Level" }, "#apply-table-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Coefficient.Target"] = $"e:{building.Id}:{e2.Id}", ["Coefficient.Entry"] = "HalfLevel" }, "#apply-table-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Coefficient.Target"] = $"e:{building.Id}:{e1.Id}", ["Coefficient.Floor"] = "1", ["Coefficient.Value"] = "-0.1" }, "#set-coefficient-form")).StatusCode);

        var page = await committee.GetDocumentAsync(url);
        string Coefficient(string flat) => page.QuerySelector($"#allocation-table tr[data-flat='{flat}'] td:nth-child(4)")!.TextContent.Trim();
        Assert.Equal("-0.1", Coefficient("1-1-101"));
        Assert.Equal("0.5", Coefficient("1-1-201"));
        Assert.Equal("1.4", Coefficient("1-1-601"));
        Assert.Equal("0.1", Coefficient("1-2-101"));
        Assert.Equal("1.1", Coefficient("1-2-601"));
        Assert.Equal("¥120,000.00", page.QuerySelector("#allocation-sum")!.TextContent.Trim());

        // A building outside the scope, or a value that is not a coefficient, is refused with a message and changes nothing.
        var before = await Factory.WithDb(db => db.Set<FloorCoefficient>().CountAsync());
        var unknown = await committee.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Coefficient.Target"] = "b:987654", ["Coefficient.Floor"] = "1", ["Coefficient.Value"] = "0.2" }, "#set-coefficient-form");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("请选择范围内的楼栋或单元。", await unknown.BodyAsync());
        var bad = await committee.SubmitFormAsync(url, new Dictionary<string, string>
            { ["Coefficient.Target"] = "", ["Coefficient.Floor"] = "2", ["Coefficient.Value"] = "abc" }, "#set-coefficient-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("第2层的系数无效（-100 到 100，负数为低层补偿，最多三位小数）。", WebUtility.HtmlDecode(await bad.BodyAsync()));
        Assert.Equal(before, await Factory.WithDb(db => db.Set<FloorCoefficient>().CountAsync()));
    }
}
