using System.Net;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Authorization;

/// <summary>
/// Every handler of every Razor page, found in the running app (so pages added later are covered without editing
/// this test), called by every role; allowed exactly when the page's declaration and <see cref="Membership.Can"/> say so.
/// </summary>
public sealed class EveryPageAuthorizationTests(AuthorizationFixture fixture) : IClassFixture<AuthorizationFixture>
{
    /// <summary>Handlers that would end the caller's session, which the matrix needs; covered by the account tests.</summary>
    private static readonly HashSet<string> SessionEnding = ["POST /account/logout"];

    private static bool Expected(PageHandler handler, AuthorizationFixture.Actor actor) => handler.Gate switch
    {
        Gate.Anyone => true,
        Gate.SignedIn => actor.InA.IsAuthenticated,
        _ => handler.HasCompound || handler.Capability!.Value.IsPlatformWide()
            ? actor.InA.Can(handler.Capability!.Value)
            : false,
    };

    [Fact]
    public void Every_compound_role_is_in_the_matrix()
    {
        var covered = fixture.Actors.SelectMany(a => a.InA.Roles).Select(r => r.Kind).ToHashSet();
        var missing = Enum.GetValues<CompoundRoleKind>().Where(k => !covered.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "roles no actor holds: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_page_declares_who_may_use_it()
    {
        var undeclared = await PageCatalogue.UndeclaredAsync(fixture.Factory.Services);
        Assert.True(undeclared.Count == 0, "pages without [Requires], [Authorize] or [AllowAnonymous]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Compound_capabilities_are_only_used_on_pages_with_a_compound_in_their_address()
    {
        var wrong = (await PageCatalogue.AllAsync(fixture.Factory.Services))
            .Where(h => h.Gate == Gate.Capability && !h.HasCompound && !h.Capability!.Value.IsPlatformWide()).ToList();
        Assert.True(wrong.Count == 0, "compound capability without {compound}: " + string.Join(", ", wrong));
    }

    [Fact]
    public async Task Every_handler_of_every_page_allows_exactly_the_roles_its_capability_names()
    {
        var handlers = (await PageCatalogue.AllAsync(fixture.Factory.Services)).Where(h => !SessionEnding.Contains(h.ToString())).ToList();
        Assert.Contains(handlers, h => h.Template == "c/{compound}/register");
        Assert.Contains(handlers, h => h.Template == "residents/claim" && h.Verb == "POST");

        var failures = new List<string>();
        foreach (var handler in handlers)
        foreach (var actor in fixture.Actors)
        {
            var url = handler.Url(fixture.A.Code);
            var response = handler.Verb == "POST"
                ? await actor.Client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", actor.Token)]), TestContext.Current.CancellationToken)
                : await actor.Client.GetAsync(url, TestContext.Current.CancellationToken);
            var location = response.Headers.Location?.OriginalString ?? "";
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/login", StringComparison.OrdinalIgnoreCase);
            var toDenied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase);
            var outcome = $"{(int)response.StatusCode}{(location.Length > 0 ? " → " + location : "")}";

            if ((int)response.StatusCode >= 500)
                failures.Add($"{handler} as {actor}: server error {outcome}");
            else if (Expected(handler, actor))
            {
                if (handler.Template == "account/access-denied") continue; // the refusal page itself answers 403

                if (response.StatusCode == HttpStatusCode.Forbidden || toDenied || (handler.Gate != Gate.Anyone && toLogin))
                    failures.Add($"{handler} as {actor}: should be allowed, got {outcome}");
            }
            else if (!actor.InA.IsAuthenticated)
            {
                if (!toLogin) failures.Add($"{handler} as {actor}: should be sent to log in, got {outcome}");
            }
            else if (!(response.StatusCode == HttpStatusCode.Forbidden || toDenied))
                failures.Add($"{handler} as {actor}: should be refused, got {outcome}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {handlers.Count * fixture.Actors.Count} checks failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Residents_see_no_other_residents_names_or_phones_on_any_page_they_may_open()
    {
        var gets = (await PageCatalogue.AllAsync(fixture.Factory.Services)).Where(h => h.Verb == "GET").ToList();
        var secrets = fixture.A.Owners.Values.Concat(fixture.B.Owners.Values)
            .SelectMany(o => new[] { o.Name, o.Phone! }).ToList();
        foreach (var actor in fixture.Actors.Where(a => a.Name is "resident of A" or "tenant of A" or "resident of B"))
        foreach (var handler in gets.Where(h => Expected(h, actor)))
        {
            var response = await actor.Client.GetAsync(handler.Url(fixture.A.Code), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var leaked = secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).ToList();
            Assert.True(leaked.Count == 0, $"{handler} shows {actor} other residents' details: {string.Join(", ", leaked.Take(5))}");
        }
    }

    [Fact]
    public async Task A_resident_of_B_sees_nothing_of_compound_A()
    {
        var residentB = fixture.Actors.Single(a => a.Name == "resident of B").Client;
        foreach (var url in new[] { $"/c/{fixture.A.Code}", $"/c/{fixture.A.Code}/register", $"/c/{fixture.A.Code}/register/residents", $"/c/{fixture.A.Code}/register/log" })
        {
            var response = await residentB.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain(fixture.A.Compound.Name, body);
        }
        // Their own compound works, and shows nothing of A.
        var own = await residentB.GetStringAsync($"/c/{fixture.B.Code}", TestContext.Current.CancellationToken);
        Assert.Contains(fixture.B.Compound.Name, own);
        Assert.DoesNotContain(fixture.A.Compound.Name, own);
    }

    [Fact]
    public async Task The_committee_of_A_sees_A_register_with_names_and_phones_but_not_B()
    {
        var committee = fixture.Actors.Single(a => a.Name == "committee of A").Client;
        var register = await committee.GetStringAsync($"/c/{fixture.A.Code}/register", TestContext.Current.CancellationToken);
        var owner = fixture.A.Owners[fixture.A.Flat("1-1-101").OwnerOfRecordId];
        Assert.Contains(owner.Name, register);
        Assert.Contains(owner.Phone!, register);
        var other = await committee.GetAsync($"/c/{fixture.B.Code}/register", TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/access-denied", other.Headers.Location!.PathAndQuery);
    }
}
