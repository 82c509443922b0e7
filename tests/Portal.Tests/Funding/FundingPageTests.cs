using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Features.Funding;
using Portal.Pages.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

public sealed class FundingPageTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task Committee_saves_a_floor_coefficient_cost_sharing_and_the_allocation_table_adds_up_exactly()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG1", openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing";

        var saved = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.TotalYuan"] = "60000.01",
            ["Input.SourceYuan[CentralSubsidy]"] = "20000",
            ["Input.SourceYuan[CitySubsidy]"] = "6000",
            ["Input.SourceYuan[MaintenanceFund]"] = "5000", // not a form field: the fund is never netted pro rata
            ["Input.Method"] = "FloorCoefficient",
            ["Input.Coefficients[6]"] = "1.5",
        }, "#cost-sharing-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await committee.GetDocumentAsync(url);
        Assert.Equal("¥34,000.01", page.QuerySelector("#residents-share")!.TextContent.Trim());
        Assert.Equal("¥34,000.01", page.QuerySelector("#allocation-sum")!.TextContent.Trim());
        Assert.Equal("¥0.00", page.QuerySelector("tr[data-flat='1-1-201'] .share")!.TextContent.Trim());
        var scheme = await Factory.Scoped(sp => sp.GetRequiredService<FundingQueries>().SchemeAsync(s.PlanItemId));
        Assert.Equal(1500, scheme!.CoefficientFor(s.Compound.Entrance("1", "1").BuildingId, s.Compound.Entrance("1", "1").Id, 6));

        var csv = await committee.GetStringAsync(url + "?handler=Export&format=csv");
        Assert.Contains("1-1-601", csv);
        Assert.Equal(7, csv.Trim().Split('\n').Length);
        var xlsx = await committee.GetAsync(url + "?handler=Export&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Negative_coefficients_compensate_the_low_floors_and_a_compensation_that_outweighs_the_rest_is_refused()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG9", openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing";
        var form = new Dictionary<string, string>
        {
            ["Input.TotalYuan"] = "60000",
            ["Input.SourceYuan[CentralSubsidy]"] = "26000",
            ["Input.Method"] = "FloorCoefficient",
            ["Input.Coefficients[1]"] = "-0.2",
            ["Input.Coefficients[2]"] = "-0.1",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await committee.SubmitFormAsync(url, form, "#cost-sharing-form")).StatusCode);

        // ¥34,000 over weights -0.2, -0.1, 0.7, 0.8, 0.9, 1.0 (50.00 ㎡ each): exact to the fen, the low floors paid.
        var page = await committee.GetDocumentAsync(url);
        Assert.Equal("¥34,000.00", page.QuerySelector("#allocation-sum")!.TextContent.Trim());
        Assert.Equal("¥-2,193.55", page.QuerySelector("tr[data-flat='1-1-101'] .share")!.TextContent.Trim());
        Assert.Equal("¥-1,096.77", page.QuerySelector("tr[data-flat='1-1-201'] .share")!.TextContent.Trim());
        Assert.Equal("¥10,967.74", page.QuerySelector("tr[data-flat='1-1-601'] .share")!.TextContent.Trim());
        // The campaign collects the upper floors' shares: the residents' share plus the compensation.
        Assert.Equal("37290.32", page.QuerySelector("input[name='Open.GoalYuan']")!.GetAttribute("value"));

        form["Input.Coefficients[1]"] = "-90";
        var refused = await committee.SubmitFormAsync(url, form, "#cost-sharing-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("低层补偿超过了其他各户应分摊的金额", await refused.Content.ReadAsStringAsync());
        var scheme = await Factory.Scoped(sp => sp.GetRequiredService<FundingQueries>().SchemeAsync(s.PlanItemId));
        Assert.Equal(-200, scheme!.CoefficientFor(s.Compound.Entrance("1", "1").BuildingId, s.Compound.Entrance("1", "1").Id, 1));
    }

    [Fact]
    public async Task Sources_above_the_total_are_refused_and_the_typed_values_kept()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG2", openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing";
        var response = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.TotalYuan"] = "100",
            ["Input.SourceYuan[CentralSubsidy]"] = "100.01",
        }, "#cost-sharing-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("各项资金来源之和超过了总费用", html);
        Assert.Contains("value=\"100.01\"", html);
    }

    [Fact]
    public async Task A_custom_table_with_one_bad_line_is_refused_whole_with_line_numbers()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG3", openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing";

        var bad = await PostFileAsync(committee, url, "flat,amount\n1-1-601,100\n1-1-999,50\n1-1-501,abc\n");
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("第3行", html);
        Assert.Contains("第4行", html);
        Assert.Empty(await Factory.WithDb(db => db.Set<CustomShare>().Where(c => db.Set<CostSharingScheme>().Any(x => x.Id == c.SchemeId && x.PlanItemId == s.PlanItemId)).ToListAsync()));

        var good = await PostFileAsync(committee, url, "flat,amount\n1-1-601,300\n1-1-501,100\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var scheme = await Factory.Scoped(sp => sp.GetRequiredService<FundingQueries>().SchemeAsync(s.PlanItemId));
        Assert.Equal(CostSharingMethod.CustomTable, scheme!.Method);
        var table = await Factory.Scoped(sp => sp.GetRequiredService<HouseholdQuote>().TableAsync(s.PlanItemId));
        Assert.Equal(2_550_000, table.Single(l => l.Label == "1-1-601").ShareFen);
        Assert.Equal(850_000, table.Single(l => l.Label == "1-1-501").ShareFen);
        Assert.Equal(scheme.ResidentsShareFen, table.Sum(l => l.ShareFen));
    }

    [Fact]
    public async Task A_custom_table_may_compensate_a_flat_but_not_beyond_what_the_others_pay()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPGA", openCampaign: false);
        var (_, committee) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing";

        var good = await PostFileAsync(committee, url, "flat,amount\n1-1-601,300\n1-1-101,-50\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var table = await Factory.Scoped(sp => sp.GetRequiredService<HouseholdQuote>().TableAsync(s.PlanItemId));
        Assert.Equal(4_080_000, table.Single(l => l.Label == "1-1-601").ShareFen);
        Assert.Equal(-680_000, table.Single(l => l.Label == "1-1-101").ShareFen);
        Assert.Equal(3_400_000, table.Sum(l => l.ShareFen));

        var outweighs = await PostFileAsync(committee, url, "flat,amount\n1-1-601,10\n1-1-101,-50\n");
        Assert.Equal(HttpStatusCode.OK, outweighs.StatusCode);
        Assert.Contains("低层补偿超过了其他各户应分摊的金额", await outweighs.Content.ReadAsStringAsync());
        var kept = await Factory.WithDb(db => db.Set<CustomShare>().Where(c => db.Set<CostSharingScheme>().Any(x => x.Id == c.SchemeId && x.PlanItemId == s.PlanItemId)).OrderBy(c => c.AmountFen).Select(c => c.AmountFen).ToListAsync());
        Assert.Equal([-5_000L, 30_000], kept);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, string csv)
    {
        var page = await client.GetDocumentAsync(url);
        var token = page.QuerySelector("#import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "table.csv" },
        };
        return await client.PostAsync(url + "?handler=Import", content);
    }

    [Fact]
    public async Task Owners_see_their_quote_and_pledge_offline_once_per_household_without_card_when_stripe_is_off()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG4");
        var flat = s.Compound.Flat("1-1-601");
        var (_, owner) = await Factory.ResidentAsync(s.Compound, flat);
        var (_, coOwner) = await Factory.ResidentAsync(s.Compound, flat, ResidentRelation.CoOwner);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";

        var page = await owner.GetDocumentAsync(url);
        Assert.Equal("¥10,000.00", page.QuerySelector("#quote-share")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#method-card"));
        Assert.Equal("10000.00", page.QuerySelector("#pledge-amount")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await coOwner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.AmountYuan"] = "12000", ["Input.Method"] = "Offline" }, "#pledge-form")).StatusCode);

        var pledge = Assert.Single(await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.CampaignId == s.CampaignId).ToListAsync()));
        Assert.Equal(1_200_000, pledge.AmountFen);
        Assert.Equal(1_000_000, pledge.AllocatedFen);
        Assert.Equal($"owner:{flat.OwnerOfRecordId}", pledge.HolderKey);

        var progress = await owner.GetDocumentAsync(url);
        Assert.Contains("¥12,000.00", progress.QuerySelector("#campaign-progress")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(url, new Dictionary<string, string>(), "form[action*='Withdraw']")).StatusCode);
        Assert.Equal(PledgeStatus.Released, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Residents_cannot_open_the_cost_sharing_page_or_record_payments()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG5");
        var (_, owner) = await Factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-301"));
        var forbidden = await owner.GetAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}/cost-sharing");
        Assert.StartsWith("/account/access-denied", forbidden.Headers.Location!.PathAndQuery);
        var page = await owner.GetDocumentAsync($"/c/{s.Compound.Code}/funding/{s.PlanItemId}");
        Assert.Null(page.QuerySelector("#payment-form"));
        Assert.Null(page.QuerySelector("#committee-panel"));
        var other = await Factory.CreateCompoundAsync("FPG5B", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, committee) = await Factory.RoleHolderAsync(other, CompoundRoleKind.Committee);
        // The plan item belongs to another compound: not found there.
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync($"/c/{other.Code}/funding/{s.PlanItemId}/cost-sharing")).StatusCode);
    }

    [Fact]
    public async Task An_expense_is_approved_only_by_a_second_member_and_never_below_zero()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG6");
        var (_, alice) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var (_, bob) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}/ledger";

        await alice.SubmitFormAsync(url, new Dictionary<string, string> { ["Income.Source"] = "CentralSubsidy", ["Income.AmountYuan"] = "1000" }, "#income-form");
        await alice.SubmitFormAsync(url, new Dictionary<string, string> { ["NewExpense.AmountYuan"] = "1000.01", ["NewExpense.Payee"] = "电梯公司" }, "#expense-form");
        await alice.SubmitFormAsync(url, new Dictionary<string, string> { ["NewExpense.AmountYuan"] = "600", ["NewExpense.Payee"] = "电梯公司" }, "#expense-form");
        var expenses = await Factory.WithDb(db => db.Set<Expense>().OrderBy(e => e.Id).ToListAsync());

        // Alice sees no approve button on her own expenses; a forced post is refused.
        var alicePage = await alice.GetDocumentAsync(url);
        Assert.Null(alicePage.QuerySelector($"#expense-{expenses[0].Id} form"));
        var page = await bob.GetDocumentAsync(url);
        var tooMuch = await bob.SubmitFormAsync(url, new Dictionary<string, string>(), $"#expense-{expenses[0].Id} form[action*='Approve']");
        Assert.Contains("余额不足", await tooMuch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await bob.SubmitFormAsync(url, new Dictionary<string, string>(), $"#expense-{expenses[1].Id} form[action*='Approve']")).StatusCode);

        var after = await alice.GetDocumentAsync(url);
        Assert.Equal("¥400.00", after.QuerySelector("#ledger-balance")!.TextContent.Trim());
        Assert.Equal(ExpenseStatus.Pending, await Factory.WithDb(db => db.Set<Expense>().Where(e => e.Id == expenses[0].Id).Select(e => e.Status).SingleAsync()));
        var csv = await alice.GetStringAsync(url + "?handler=Export&format=csv");
        Assert.Contains("-600.00", csv);
        Assert.Contains("1000.00", csv);
    }

    [Fact]
    public async Task The_treasurer_records_a_bank_transfer_with_a_receipt_photo_and_the_resident_sees_it()
    {
        var s = await FundingScenario.CreateAsync(Factory, "FPG7");
        var flat = s.Compound.Flat("1-1-501");
        var (_, owner) = await Factory.ResidentAsync(s.Compound, flat);
        var (_, treasurer) = await Factory.RoleHolderAsync(s.Compound, CompoundRoleKind.Committee);
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        await owner.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form");
        var pledge = await Factory.WithDb(db => db.Set<Pledge>().SingleAsync(p => p.CampaignId == s.CampaignId));

        var page = await treasurer.GetDocumentAsync(url);
        var token = page.QuerySelector("#payment-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(pledge.Id.ToString()), "Payment.PledgeId" },
            { new StringContent("9000.00"), "Payment.AmountYuan" },
            { new StringContent("2026-06-01"), "Payment.PaidOn" },
            { new StringContent("TRF-20260601-1"), "Payment.Reference" },
            { new ByteArrayContent(Portal.Tests.Files.UploadCheckTests.JpegWithGps()), "receipt", "receipt.jpg" },
        };
        var response = await treasurer.PostAsync(url + "?handler=RecordPayment", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var payment = await Factory.WithDb(db => db.Set<OfflinePayment>().SingleAsync(p => p.PledgeId == pledge.Id));
        Assert.Equal(900_000, payment.AmountFen);
        Assert.NotNull(payment.ReceiptFileId);
        Assert.Equal(PledgeStatus.Paid, await Factory.WithDb(db => db.Set<Pledge>().Where(p => p.Id == pledge.Id).Select(p => p.Status).SingleAsync()));
        var mine = await owner.GetDocumentAsync($"/c/{s.Compound.Code}/funding/mine");
        var link = mine.QuerySelector($"#mine-{pledge.Id} .receipts a")!.GetAttribute("href")!;
        Assert.Equal($"/files/{payment.ReceiptFileId:N}", link);
        Assert.Equal("image/jpeg", (await owner.GetAsync(link)).Content.Headers.ContentType!.MediaType);
        var ledger = await owner.GetDocumentAsync($"{url}/ledger");
        Assert.Equal("¥9,000.00", ledger.QuerySelector("#ledger-balance")!.TextContent.Trim());
        Assert.DoesNotContain("TRF-20260601-1", ledger.QuerySelector("#ledger-entries")!.TextContent);
    }
}
