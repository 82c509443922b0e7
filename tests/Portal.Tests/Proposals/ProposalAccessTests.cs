using AngleSharp.Dom;
using System.Net;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

/// <summary>Who may open which proposal and plan page, role by role.</summary>
public sealed class ProposalAccessTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    public static TheoryData<string, string, string> Matrix() => new()
    {
        // page, who, expected
        { "list", "anonymous", Login },
        { "list", "tenant", Ok },
        { "list", "owner", Ok },
        { "list", "committee", Ok },
        { "list", "manager", Ok },
        { "list", "lead", Ok },
        { "list", "officer", Ok },
        { "list", "admin", Ok },
        { "list", "stranger", Denied },
        { "list", "other-compound", Denied },
        { "new", "anonymous", Login },
        { "new", "tenant", Ok },
        { "new", "owner", Ok },
        { "new", "committee", Denied },
        { "new", "manager", Denied },
        { "new", "officer", Denied },
        { "new", "stranger", Denied },
        { "new", "other-compound", Denied },
        { "mine", "tenant", Ok },
        { "mine", "committee", Denied },
        { "detail", "anonymous", Login },
        { "detail", "tenant", Ok },
        { "detail", "committee", Ok },
        { "detail", "manager", Ok },
        { "detail", "stranger", Denied },
        { "detail", "other-compound", Denied },
        { "review", "anonymous", Login },
        { "review", "tenant", Denied },
        { "review", "owner", Denied },
        { "review", "manager", Denied },
        { "review", "lead", Denied },
        { "review", "officer", Denied },
        { "review", "committee", Ok },
        { "review", "admin", Ok },
        { "decide", "tenant", Denied },
        { "decide", "manager", Denied },
        { "decide", "committee", Ok },
        { "plan", "anonymous", Login },
        { "plan", "tenant", Ok },
        { "plan", "committee", Ok },
        { "plan", "officer", Ok },
        { "plan", "stranger", Denied },
        { "plan-item", "tenant", Denied },
        { "plan-item", "owner", Denied },
        { "plan-item", "manager", Denied },
        { "plan-item", "committee", Ok },
        { "plan-item", "admin", Ok },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_its_proposal_pages(string page, string who, string expected)
    {
        var code = "A" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var compound = await Factory.CreateCompoundAsync(code, buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 1);
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = page switch
        {
            "list" => $"/c/{code}/proposals",
            "new" => $"/c/{code}/proposals/new",
            "mine" => $"/c/{code}/proposals/mine",
            "detail" => $"/c/{code}/proposals/{proposal.Id}",
            "review" => $"/c/{code}/proposals/review",
            "decide" => $"/c/{code}/proposals/{proposal.Id}/review",
            "plan" => $"/c/{code}/plan",
            "plan-item" => $"/c/{code}/plan/item",
            _ => throw new ArgumentOutOfRangeException(nameof(page)),
        };
        var client = await ClientAsync(who, compound);
        var response = await client.GetAsync(url);
        Assert.Equal(expected, Outcome(response));
    }

    [Fact]
    public async Task A_resident_cannot_hide_comments_nor_a_committee_member_support()
    {
        var code = "A" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var compound = await Factory.CreateCompoundAsync(code, buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{code}/proposals/{proposal.Id}";
        await author.PressAsync(url, "comment-submit", new Dictionary<string, string> { ["body"] = "说明一下" });
        var page = await author.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("form.hide-comment"));
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var hide = await author.PostAsync(url + "?handler=HideComment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["commentId"] = "1", ["reason"] = "x",
        }));
        Assert.Equal(Denied, Outcome(hide));

        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var committeePage = await committee.GetDocumentAsync(url);
        Assert.Null(committeePage.QuerySelector("#support-button"));
        var committeeToken = committeePage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var support = await committee.PostAsync(url + "?handler=Support", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = committeeToken }));
        Assert.Equal(Denied, Outcome(support));
    }

    private const string Ok = "ok", Login = "login", Denied = "denied";

    /// <summary>Anonymous callers are sent to log in; signed-in callers without the capability to access-denied.</summary>
    private static string Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Ok,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/account/login") => Login,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/account/access-denied") => Denied,
        HttpStatusCode.Forbidden => Denied,
        var other => $"{(int)other} {response.Headers.Location}",
    };

    private async Task<HttpClient> ClientAsync(string who, TestCompound compound)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        switch (who)
        {
            case "anonymous":
                return Factory.NewClient();
            case "tenant":
                return (await Factory.ResidentAsync(compound, compound.Flat("1-1-201"), ResidentRelation.Tenant)).Client;
            case "owner":
                return (await Factory.ResidentAsync(compound, compound.Flat("1-1-201"))).Client;
            case "committee":
                return (await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee)).Client;
            case "manager":
                return (await Factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager)).Client;
            case "lead":
                return (await Factory.RoleHolderAsync(compound, CompoundRoleKind.BuildingLead, compound.Building("1").Id)).Client;
            case "officer":
                var officer = await Factory.CreateUserAsync(email);
                await Factory.MakeCityOfficerAsync(officer.Id, compound.Compound.City);
                return await Factory.SignedInClientAsync(email);
            case "admin":
                await Factory.CreateUserAsync(email, admin: true);
                return await Factory.SignedInClientAsync(email);
            case "stranger":
                await Factory.CreateUserAsync(email);
                return await Factory.SignedInClientAsync(email);
            case "other-compound":
                var other = await Factory.CreateCompoundAsync("O" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), 1, 1, 1, 1);
                return (await Factory.ResidentAsync(other, other.Flat("1-1-101"))).Client;
            default:
                throw new ArgumentOutOfRangeException(nameof(who));
        }
    }
}
