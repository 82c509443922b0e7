using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Authorization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// The security headers on every response: every page handler and every endpoint found in the running app (pages added
/// later are covered without editing this test), a 404, a static file and the error page; and every &lt;script&gt; in a
/// page carries this response's CSP nonce.
/// </summary>
public sealed class SecurityHeaderTests(AuthorizationFixture fixture) : IClassFixture<AuthorizationFixture>
{
    private static readonly HashSet<string> SessionEnding = ["POST /account/logout"];

    /// <summary>Every GET/POST address: Razor page handlers plus minimal-API endpoints, with {compound} = compound A.</summary>
    private async Task<List<(string Verb, string Url)>> RoutesAsync()
    {
        var routes = (await PageCatalogue.AllAsync(fixture.Factory.Services))
            .Where(h => !SessionEnding.Contains(h.ToString()))
            .Select(h => (h.Verb, h.Url(fixture.A.Code))).ToList();
        var endpoints = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null
                        && e.RoutePattern.RawText is { } raw && !raw.StartsWith("admin/jobs", StringComparison.Ordinal) && !raw.StartsWith("/admin/jobs", StringComparison.Ordinal));
        foreach (var e in endpoints)
        {
            var path = "/" + Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), @"\{(\*{0,2})([A-Za-z_]+)(:[^}]*)?\??\}", m =>
                m.Groups[2].Value == "compound" ? fixture.A.Code
                : m.Groups[3].Value.Contains("guid") ? Guid.NewGuid().ToString("N")
                : m.Groups[3].Value.Contains("int") || m.Groups[3].Value.Contains("long") ? "987654" : "none");
            foreach (var verb in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                if (verb is "GET" or "POST") routes.Add((verb, path));
        }
        routes.Add(("GET", "/no/such/page"));
        routes.Add(("GET", "/css/site.css"));
        routes.Add(("GET", "/lib/bootstrap/bootstrap.bundle.min.js"));
        routes.Add(("GET", "/error"));
        return routes.Distinct().ToList();
    }

    [Fact]
    public async Task Every_route_answers_with_the_security_headers_and_nonced_scripts()
    {
        var routes = await RoutesAsync();
        Assert.Contains(routes, r => r.Url.StartsWith("/api/", StringComparison.Ordinal) || r.Url.StartsWith("/webhooks/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Url.StartsWith("/files/", StringComparison.Ordinal));
        var parser = new HtmlParser();
        var failures = new List<string>();
        var checkedPages = 0;
        foreach (var actor in fixture.Actors.Where(a => a.Name is "anonymous" or "committee of A" or "platform admin"))
        foreach (var (verb, url) in routes)
        {
            using var response = verb == "POST"
                ? await actor.Client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", actor.Token)]), TestContext.Current.CancellationToken)
                : await actor.Client.GetAsync(url, TestContext.Current.CancellationToken);
            var where = $"{actor.Name}: {verb} {url} ({(int)response.StatusCode})";
            string? Header(string name) =>
                response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
                : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

            var csp = Header("Content-Security-Policy");
            if (csp is null) { failures.Add($"{where}: no Content-Security-Policy"); continue; }
            var scriptSrc = csp.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal));
            if (scriptSrc is null || scriptSrc.Contains("unsafe-inline")) failures.Add($"{where}: script-src is '{scriptSrc}'");
            if (!csp.Contains("frame-ancestors 'self'")) failures.Add($"{where}: no frame-ancestors 'self'");
            if (Header("X-Content-Type-Options") != "nosniff") failures.Add($"{where}: X-Content-Type-Options {Header("X-Content-Type-Options")}");
            if (Header("Referrer-Policy") != "strict-origin-when-cross-origin") failures.Add($"{where}: Referrer-Policy {Header("Referrer-Policy")}");
            var permissions = Header("Permissions-Policy") ?? "";
            foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
                if (!permissions.Contains(feature)) failures.Add($"{where}: Permissions-Policy lacks {feature}");

            if (response.Content.Headers.ContentType?.MediaType == "text/html" && scriptSrc is not null)
            {
                var nonce = Regex.Match(scriptSrc, "'nonce-([^']+)'").Groups[1].Value;
                if (nonce.Length < 16) { failures.Add($"{where}: no nonce in {scriptSrc}"); continue; }
                var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var document = await parser.ParseDocumentAsync(html);
                checkedPages++;
                foreach (var script in document.QuerySelectorAll("script"))
                    if (script.GetAttribute("nonce") != nonce)
                        failures.Add($"{where}: <script{(script.GetAttribute("src") is { } src ? " src=" + src : "")}> without this response's nonce");
                foreach (var element in document.All)
                foreach (var attribute in element.Attributes)
                    if (attribute.Name.StartsWith("on", StringComparison.Ordinal))
                        failures.Add($"{where}: inline handler {attribute.Name} on <{element.LocalName}>");
            }
        }
        Assert.True(checkedPages > 50, $"only {checkedPages} HTML pages checked");
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Distinct().Take(60)));
    }

    [Fact]
    public async Task Each_response_gets_its_own_nonce()
    {
        var client = fixture.Factory.NewClient();
        using var first = await client.GetAsync("/", TestContext.Current.CancellationToken);
        using var second = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var a = first.Headers.GetValues("Content-Security-Policy").Single();
        var b = second.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches("'nonce-[A-Za-z0-9+/=]{22,}'", a);
        Assert.NotEqual(a, b);
    }
}
