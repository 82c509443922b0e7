using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Authorization;

/// <summary>
/// Every route under /api, found in the running app (routes added later are covered without editing this test), answers
/// a caller without login with 401 <c>{"error":"unauthorized"}</c>, never a redirect to the login page; refusals and
/// unknown addresses have the same shape.
/// </summary>
public sealed partial class ApiErrorTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record ApiRoute(string Verb, string Template)
    {
        /// <summary>The address to call: numeric parameters 987654, others "none".</summary>
        public string Url => Parameter().Replace(Template, m => m.Groups[2].Value.Contains("int") || m.Groups[2].Value.Contains("long") ? "987654" : "none");
        public override string ToString() => $"{Verb} {Template}";
    }

    private List<ApiRoute> ApiRoutes() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Template: "/" + e.RoutePattern.RawText!.TrimStart('/'), Verbs: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Template.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Verbs.Select(v => new ApiRoute(v, e.Template)))
            .ToList();

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string error, string what)
    {
        Assert.True(response.StatusCode == status, $"{what}: expected {(int)status}, got {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Every_api_route_answers_an_anonymous_caller_with_401_json_and_no_redirect()
    {
        var routes = ApiRoutes();
        Assert.Contains(new ApiRoute("GET", "/api/city/summary"), routes);
        Assert.Contains(new ApiRoute("GET", "/api/votes/{id:long}/tally"), routes);

        var anonymous = _factory.NewClient();
        foreach (var route in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Verb), route.Url);
            if (route.Verb != "GET") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            await AssertError(await anonymous.SendAsync(request, Ct), HttpStatusCode.Unauthorized, "unauthorized", route.ToString());
        }
    }

    [Fact]
    public async Task A_signed_in_caller_without_the_right_gets_403_json_and_a_missing_thing_404_json()
    {
        var email = $"plain-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(email);
        var plain = await _factory.SignedInClientAsync(email);
        await AssertError(await plain.GetAsync("/api/city/summary", Ct), HttpStatusCode.Forbidden, "forbidden", "city summary as a resident");
        await AssertError(await plain.GetAsync("/api/votes/987654/tally", Ct), HttpStatusCode.NotFound, "not_found", "tally of no vote");
        await AssertError(await plain.GetAsync("/api/no/such/thing", Ct), HttpStatusCode.NotFound, "not_found", "unknown api address");
        await AssertError(await _factory.NewClient().GetAsync("/api/no/such/thing", Ct), HttpStatusCode.NotFound, "not_found", "unknown api address, anonymous");
    }

    [Fact]
    public async Task Pages_still_send_a_caller_without_login_to_the_login_page()
    {
        var response = await _factory.NewClient().GetAsync("/inbox", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [GeneratedRegex(@"\{([A-Za-z_]+)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
