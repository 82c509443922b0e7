using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Features.Residents;
using Portal.Features.Shared;
using Portal.Tests.Infrastructure;
using Portal.Web;

namespace Portal.Tests.Foundation;

/// <summary>A rule the domain refuses comes back as the page again with the rule's message, in the reader's language.</summary>
public sealed class DomainErrorPageFilterTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestCompound Compound, HttpClient Committee, long RequestId)> PendingRequestAsync()
    {
        var compound = await _factory.CreateCompoundAsync("F" + Guid.NewGuid().ToString("N")[..7], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var (_, committee) = await _factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var user = await _factory.CreateUserAsync($"ask-{Guid.NewGuid():N}@example.com");
        var request = await _factory.Scoped(s => s.GetRequiredService<RequestLink>()
            .RequestAsync(user.Id, compound.Code, "1", "1", "101", ResidentRelation.Tenant, null, Ct));
        return (compound, committee, request.Id);
    }

    private static async Task<HttpResponseMessage> RejectWithoutReasonAsync(HttpClient committee, string code, long requestId)
    {
        var page = await committee.GetDocumentAsync($"/c/{code}/register/requests");
        var form = $".pending-request[data-id='{requestId}']";
        return await committee.SubmitFormAsync(page, new Dictionary<string, string> { ["RequestId"] = requestId.ToString(), ["Reason"] = "  " },
            $"{form} form", $"{form} button[formaction*=Reject]");
    }

    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response) =>
        (await FormClient.ParseAsync(response)).QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_refused_rule_shows_the_page_again_with_its_message_in_chinese_and_in_english_and_changes_nothing()
    {
        var (compound, committee, requestId) = await PendingRequestAsync();

        var chinese = await RejectWithoutReasonAsync(committee, compound.Code, requestId);
        Assert.Equal(HttpStatusCode.OK, chinese.StatusCode);
        Assert.Equal(["驳回申请需要填写理由。"], await ErrorsAsync(chinese));

        await committee.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "en" }, formSelector: "form[action='/preferences/culture']");
        var english = await RejectWithoutReasonAsync(committee, compound.Code, requestId);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        var page = await FormClient.ParseAsync(english);
        Assert.Equal(["A reason is required to reject a request."], page.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector($".pending-request[data-id='{requestId}']")); // the page was loaded before the refusal

        var status = await _factory.WithDb(db => db.Set<LinkRequest>().Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync(Ct));
        Assert.Equal(LinkRequestStatus.Pending, status);
    }

    [Fact]
    public async Task A_use_case_refusal_on_an_admin_form_is_shown_not_a_server_error()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(email, admin: true);
        var admin = await _factory.SignedInClientAsync(email);
        var taken = await _factory.CreateCompoundAsync("T" + Guid.NewGuid().ToString("N")[..7], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);

        var response = await admin.SubmitFormAsync("/admin/compounds", new Dictionary<string, string>
        {
            ["Input.Code"] = taken.Code.ToLowerInvariant(), ["Input.Name"] = "重名小区",
        }, "#create-compound");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["该代码已被使用。"], await ErrorsAsync(response));
        Assert.Equal(1, await _factory.WithDb(db => db.Set<Portal.Domain.Register.Compound>().CountAsync(c => c.Code == taken.Code, Ct)));
    }

    [Fact]
    public void A_code_without_a_message_falls_back_to_the_shared_generic_one()
    {
        var filter = new DomainErrorPageFilter(_factory.Services.GetRequiredService<IStringLocalizerFactory>(), NullLogger<DomainErrorPageFilter>.Instance);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("操作未能完成，请检查后重试。", filter.Message(typeof(Portal.Pages.Register.ResidentsModel), "no.such_rule"));
            Assert.Equal("驳回申请需要填写理由。", filter.Message(typeof(Portal.Pages.Register.LinkRequestsModel), "link_request.reason_required"));
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("That could not be done; please check and try again.", filter.Message(typeof(Portal.Pages.Notices.NewModel), "no.such_rule"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_page_finds_the_text_of_its_feature_by_its_folder()
    {
        Assert.Equal(typeof(RegisterText), DomainErrorPageFilter.TextOf(typeof(Portal.Pages.Register.LettersModel)));
        Assert.Equal(typeof(ResidentsText), DomainErrorPageFilter.TextOf(typeof(Portal.Pages.Residents.ClaimModel)));
        Assert.Equal(typeof(AccountText), DomainErrorPageFilter.TextOf(typeof(Portal.Pages.Account.LoginModel))); // Pages/Account → Features/Accounts
        Assert.Equal(typeof(SharedText), DomainErrorPageFilter.TextOf(typeof(Portal.Pages.Compounds.HomeModel)));   // no Features/Compounds
        Assert.Equal(typeof(SharedText), DomainErrorPageFilter.TextOf(typeof(Portal.Pages.IndexModel)));
    }
}
