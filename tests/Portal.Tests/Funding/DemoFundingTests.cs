using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Funding;
using Portal.Ops;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

public sealed class DemoFundingTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_demo_has_a_campaign_open_to_the_demo_resident_and_two_committee_members()
    {
        await DemoSeed.RunAsync(Factory.Services);
        var (quote, open, committee) = await Factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var compound = await db.Set<Compound>().SingleAsync(c => c.Code == DemoSeed.CompoundCode);
            var resident = await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("resident@demo.local");
            var campaigns = await db.Set<Campaign>().Where(c => c.CompoundId == compound.Id && c.Status == CampaignStatus.Open).ToListAsync();
            var quotes = sp.GetRequiredService<HouseholdQuote>();
            HouseholdQuoteView? q = null;
            foreach (var c in campaigns) q ??= await quotes.ForUserAsync(resident!.Id, c.PlanItemId);
            var members = await db.Set<CompoundRole>().CountAsync(r => r.CompoundId == compound.Id && r.Kind == CompoundRoleKind.Committee);
            return (q, campaigns.Count, members);
        });
        Assert.Equal(1, open);
        Assert.NotNull(quote);
        Assert.Equal(100_000, quote.ShareFen);
        Assert.Equal(2, committee);

        // A finished item's running-cost bill (运行维护费) waits for the demo resident, with its transfer code.
        var bills = await Factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var compound = await db.Set<Compound>().SingleAsync(c => c.Code == DemoSeed.CompoundCode);
            var resident = await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("resident@demo.local");
            var owners = await (from l in db.Set<ResidentLink>() join f in db.Set<Flat>() on l.FlatId equals f.Id where l.UserId == resident!.Id select f.OwnerOfRecordId).ToListAsync();
            return await sp.GetRequiredService<RunningCostQueries>().ForOwnersAsync(compound.Id, owners);
        });
        var bill = Assert.Single(bills);
        Assert.True(bill.Charge.AmountFen > 0 && bill.Charge.OwedFen == bill.Charge.AmountFen);
        Assert.True(TransferReference.IsValid(bill.Charge.TransferReference));
    }

    [Fact]
    public async Task The_demo_sample_statement_pays_the_lead_s_transfer_pledge_and_leaves_one_line_to_match_by_hand()
    {
        await DemoSeed.RunAsync(Factory.Services);
        var sample = await Factory.CreateClient().GetByteArrayAsync("/samples/bank-statement.csv");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Assert.Contains(DemoStory.DemoTransferReference, System.Text.Encoding.GetEncoding("GB18030").GetString(sample));
        var (result, pledge) = await Factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var compound = await db.Set<Compound>().SingleAsync(c => c.Code == DemoSeed.CompoundCode);
            var treasurer = await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("treasurer@demo.local");
            var imported = await sp.GetRequiredService<ImportBankStatement>().ImportAsync(compound.Id, sample, "bank-statement.csv", treasurer!.Id);
            return (imported, await db.Set<Pledge>().AsNoTracking().SingleAsync(p => p.TransferReference == DemoStory.DemoTransferReference));
        });
        Assert.False(result.Refused, string.Join("; ", result.Errors));
        Assert.Equal(1, result.Count(StatementLineOutcome.Matched));
        Assert.Equal(1, result.Count(StatementLineOutcome.Unmatched));
        Assert.Equal(PledgeStatus.Paid, pledge.Status);
    }
}
