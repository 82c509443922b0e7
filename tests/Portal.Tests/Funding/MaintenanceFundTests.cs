using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Funding;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Funding;

/// <summary>The maintenance fund per flat (分户账): balances imported whole or not at all, drawn only once owners approve, flat by flat.</summary>
public sealed class MaintenanceFundTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;

    static MaintenanceFundTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    private Task<ImportFundBalances.Result> ImportAsync(long compoundId, string csv, DateOnly? asOf) =>
        Factory.Scoped(sp => sp.GetRequiredService<ImportFundBalances>().ImportAsync(compoundId, Gb18030(csv), "余额.csv", asOf, "committee"));

    [Fact]
    public void A_flat_draws_its_share_up_to_its_balance_and_never_for_compensation()
    {
        Assert.Equal(300_000, FundDraw.For(700_000, 300_000));
        Assert.Equal(700_000, FundDraw.For(700_000, 1_200_000));
        Assert.Equal(0, FundDraw.For(-50_000, 1_200_000));
        Assert.Equal(0, FundDraw.For(700_000, 0));
        var ex = Assert.Throws<DomainException>(() => new FundBalance(1, 1, -1, new DateOnly(2026, 12, 1), "c", DateTimeOffset.UnixEpoch));
        Assert.Equal("fund.balance_negative", ex.Code);
    }

    [Fact]
    public async Task Balances_are_drawn_flat_by_flat_only_after_the_ordinary_fund_use_matter_passes()
    {
        var s = await FundingScenario.CreateAsync(Factory, VotesTestKit.NewCode("FUND"));
        var c = s.Compound;
        var asOf = new DateOnly(2026, 11, 30);

        // Any bad line refuses the whole file, with its line number; nothing is saved.
        var refused = await ImportAsync(c.Id, "building,entrance,room,balance_yuan\n1号楼,1单元,301,3000.00\n1,1,401,-5.00\n1,1,999,1.00\n", asOf);
        Assert.True(refused.Refused);
        Assert.Contains(refused.Errors, e => e.StartsWith("第3行") && e.Contains("低于零"));
        Assert.Contains(refused.Errors, e => e.StartsWith("第4行"));
        Assert.Equal(0, await Factory.WithDb(db => db.Set<FundBalance>().CountAsync(b => b.CompoundId == c.Id)));
        Assert.True((await ImportAsync(c.Id, "building,entrance,room,balance_yuan\n1,1,301,1.00\n", null)).Refused);
        Assert.True((await ImportAsync(c.Id, "楼,单元,房号,余额\n1,1,301,1.00\n", asOf)).Refused);

        var imported = await ImportAsync(c.Id, "building,entrance,room,balance_yuan\n1号楼,1单元,301,3000.00\n1,1,601,12000.00\n1,1,101,500\n", asOf);
        Assert.False(imported.Refused);
        Assert.Equal(3, imported.Imported);

        // Before the owners approve the fund use, no fund money appears in any quote.
        var before = await Factory.Scoped(sp => sp.GetRequiredService<HouseholdQuote>().TableAsync(s.PlanItemId));
        Assert.All(before, l => Assert.Equal(0, l.FundFen));
        Assert.Equal(700_000, before.Single(l => l.Label == "1-1-301").HouseholdFen);

        // A vote on using the fund (an ordinary matter, Art. 278 item 5) passes and its result becomes final.
        var vote = await Factory.CreateVoteAsync(c, "使用维修资金加装电梯", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1), objectionDays: 1);
        var matterId = (await Factory.Scoped(sp => sp.GetRequiredService<VoteCounter>().MattersAsync(vote.Id))).Single().MatterId;
        var link = (long m) => Factory.Scoped(sp => sp.GetRequiredService<LinkFundUse>().LinkAsync(c.Id, s.PlanItemId, m, "committee"));
        Assert.Equal("funding.fund_vote_not_final", (await Assert.ThrowsAsync<DomainException>(() => link(matterId))).Code);
        foreach (var room in new[] { "101", "201", "301", "401", "501", "601" })
            await Factory.RecordAsync(vote.Id, c, c.Flat($"1-1-{room}").Id, Choice.Agree);
        Factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await Factory.CloseAsync(vote.Id));
        Factory.Clock.Offset = TimeSpan.FromDays(2);
        await Factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, c.Id, "committee"));

        var drawn = await link(matterId);
        Assert.Equal(300_000 + 1_000_000, drawn);
        Assert.Equal("funding.fund_use_linked", (await Assert.ThrowsAsync<DomainException>(() => link(matterId))).Code);

        // Each flat's share comes from its own balance up to the balance; the rest is what the household owes.
        var after = await Factory.Scoped(sp => sp.GetRequiredService<HouseholdQuote>().TableAsync(s.PlanItemId));
        var f301 = after.Single(l => l.Label == "1-1-301");
        Assert.Equal((700_000L, 300_000L, 400_000L), (f301.ShareFen, f301.FundFen, f301.HouseholdFen));
        var f601 = after.Single(l => l.Label == "1-1-601");
        Assert.Equal((1_000_000L, 1_000_000L, 0L), (f601.ShareFen, f601.FundFen, f601.HouseholdFen));
        Assert.Equal(0, after.Single(l => l.Label == "1-1-101").FundFen);
        Assert.Equal(after.Sum(l => l.ShareFen), after.Sum(l => l.FundFen) + after.Sum(l => l.HouseholdFen));

        // The ledger records the drawdown per flat, and the households' campaign collects only their part.
        var entries = await Factory.WithDb(db => db.Set<LedgerEntry>().Where(e => e.PlanItemId == s.PlanItemId && e.Source == FundingSource.MaintenanceFund)
            .OrderBy(e => e.AmountFen).ToListAsync());
        Assert.Equal([300_000L, 1_000_000L], entries.Select(e => e.AmountFen));
        Assert.Contains("1-1-301", entries[0].Description);
        Assert.Contains("1-1-601", entries[1].Description);
        var campaign = await Factory.WithDb(db => db.Set<Campaign>().SingleAsync(x => x.Id == s.CampaignId));
        Assert.Equal(3_400_000 - 1_300_000, campaign.GoalFen);

        // The committee's page lists the balances.
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var page = await committee.GetDocumentAsync($"/c/{c.Code}/funding/fund-balances");
        Assert.Equal("¥3,000.00", page.QuerySelector("#fund-balances tr[data-flat='1-1-301'] .balance")!.TextContent.Trim());
        Assert.Contains("加装电梯", page.QuerySelector("#fund-linked")!.TextContent);
    }
}
