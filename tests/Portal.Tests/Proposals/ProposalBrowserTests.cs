using Portal.Domain.Funding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

/// <summary>Done-when: a tenant proposes e-bike charging with two photos, neighbours support it, the committee accepts it to a vote.</summary>
public sealed class ProposalBrowserTests
{
    [Fact]
    public async Task A_tenants_e_bike_proposal_is_supported_past_the_threshold_and_accepted_to_a_vote_with_each_step_on_its_timeline()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        var compound = await factory.CreateCompoundAsync("EBIKE"); // 24 flats: 5% is 2, so the minimum of 3 supporters applies

        var tenant = await factory.CreateUserAsync("tenant@example.com");
        await factory.LinkAsync(tenant.Id, compound, compound.Flat("1-1-101"), ResidentRelation.Tenant);
        var page = await SignedInAsync(browser, address, "tenant@example.com");
        await page.GotoAsync("/c/EBIKE");
        await page.Locator("#menu-proposals").ClickAsync();
        await page.Locator("#new-proposal").ClickAsync();
        await page.GetByLabel("标题").FillAsync("在1号楼北侧建电动自行车充电棚");
        await page.GetByLabel("类别").SelectOptionAsync(nameof(ProposalCategory.EBikeCharging));
        await page.GetByLabel("说明").FillAsync("楼道里充电**很危险**。<script>alert(1)</script>");
        await page.Locator("#proposal-photos").SetInputFilesAsync(
        [
            new FilePayload { Name = "shed.jpg", MimeType = "image/jpeg", Buffer = UploadCheckTests.JpegWithGps() },
            new FilePayload { Name = "corridor.jpg", MimeType = "image/jpeg", Buffer = UploadCheckTests.JpegWithGps(40, 30) },
        ]);
        await page.Locator("#proposal-publish").ClickAsync();
        await Assertions.Expect(page.Locator("#proposal-status")).ToHaveTextAsync("征集附议中");
        await Assertions.Expect(page.Locator("img.proposal-photo")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#proposal-description strong")).ToHaveTextAsync("很危险");
        await Assertions.Expect(page.Locator("#proposal-description script")).ToHaveCountAsync(0);
        var proposalUrl = new Uri(page.Url).AbsolutePath;

        var flats = new[] { "1-1-102", "1-2-201", "2-1-301" };
        for (var i = 0; i < flats.Length; i++)
        {
            var email = $"neighbour{i}@example.com";
            var neighbour = await factory.CreateUserAsync(email);
            await factory.LinkAsync(neighbour.Id, compound, compound.Flat(flats[i]), i == 0 ? ResidentRelation.Family : ResidentRelation.Owner);
            var n = await SignedInAsync(browser, address, email);
            await n.GotoAsync(proposalUrl);
            await n.Locator("#support-button").ClickAsync();
            await Assertions.Expect(n.Locator("#supporting")).ToBeVisibleAsync();
            await n.Context.CloseAsync();
        }
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#proposal-status")).ToHaveTextAsync("业委会审议中");

        // The committee is told: the event is stored for fan-out and the proposal waits on the review desk.
        var told = await factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.Kind == NotificationKind.ProposalThresholdReached && e.CompoundId == compound.Id));
        Assert.Equal(1, told);
        var member = await factory.CreateUserAsync("committee@example.com");
        await factory.GrantAsync(member.Id, compound, CompoundRoleKind.Committee);
        var committee = await SignedInAsync(browser, address, "committee@example.com", phone: false);
        await committee.GotoAsync("/c/EBIKE/proposals/review");
        await committee.Locator("#review-waiting a", new() { HasText = "电动自行车充电棚" }).ClickAsync();
        await committee.GetByLabel("费用估算（元）").FillAsync("86000");
        await committee.GetByLabel("费用分摊方式", new() { Exact = true }).SelectOptionAsync(nameof(CostSharingMethod.Voluntary));
        await committee.Locator("#accept-note").FillAsync("下月业主大会表决");
        await committee.Locator("#accept-submit").ClickAsync();
        await Assertions.Expect(committee.Locator("#proposal-status")).ToHaveTextAsync("已采纳，待表决");
        await committee.Context.CloseAsync();

        await page.ReloadAsync();
        var steps = page.Locator("#timeline .timeline-entry");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        Assert.Equal(["Draft", "Published", "UnderReview", "AcceptedToVote"],
            (await steps.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)")));
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("下月业主大会表决");
        await Assertions.Expect(page.Locator("#accepted-cost")).ToContainTextAsync("¥86,000.00");
        await page.GotoAsync("/c/EBIKE/plan");
        await Assertions.Expect(page.Locator("#plan-improvement .plan-item")).ToContainTextAsync("电动自行车充电棚");
        await page.Context.CloseAsync();
    }

    private static async Task<IPage> SignedInAsync(Infrastructure.Browser browser, Uri address, string email, bool phone = true)
    {
        var page = await browser.NewPageAsync(address, phone);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#logout-button")).ToBeAttachedAsync();
        return page;
    }
}
