using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AngleSharp.Dom;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Ops;
using Portal.Tests.Infrastructure;
using Portal.Tests.Register;
using Portal.Web;

namespace Portal.Tests.Nodes;

/// <summary>Two app instances on one database, as two web nodes behind a proxy.</summary>
public sealed class SeveralServersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends each request to the next node in turn, keeping one browser's cookies, like a round-robin proxy.</summary>
    private sealed class RoundRobin(params HttpMessageHandler[] nodes) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _nodes = nodes.Select(n => new HttpMessageInvoker(n)).ToArray();
        private int _next = -1;
        public int Sent => _next + 1;
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            _nodes[(int)((uint)Interlocked.Increment(ref _next) % _nodes.Length)].SendAsync(request, ct);
    }

    private static HttpClient Behind(RoundRobin proxy) =>
        new(new CookieContainerHandler { InnerHandler = proxy }) { BaseAddress = new Uri("http://localhost") };

    [Fact]
    public async Task Login_antiforgery_and_a_register_preview_from_one_node_are_accepted_by_the_other()
    {
        using var a = new PortalFactory();
        using var b = new PortalFactory().With("ConnectionStrings:Portal", $"Data Source={a.DatabasePath}");
        _ = a.Services; _ = b.Services; // both started, both migrated the one database
        var compound = await a.CreateCompoundAsync("RR" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var user = await a.CreateUserAsync($"rr-{Guid.NewGuid():N}@example.com");
        await a.GrantAsync(user.Id, compound, CompoundRoleKind.Committee);

        var proxy = new RoundRobin(a.Server.CreateHandler(), b.Server.CreateHandler());
        using var browser = Behind(proxy);
        // GET the login form from A, post it to B (the form's antiforgery token was issued by A).
        var login = await browser.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!,
            ["Input.Password"] = TestAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(2, proxy.Sent);

        // Signed in on B, used on A; the preview is uploaded to B and confirmed on A.
        var upload = proxy.Sent;
        var preview = await RegisterPageTests.UploadAsync(browser, compound.Code,
            "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,80.00,K1,甲,\n1,1,1,102,60.00,K2,乙,\n1,1,1,103,40.00,K3,丙,\n");
        Assert.NotNull(preview.QuerySelector("#apply-form"));
        Assert.True(proxy.Sent - upload >= 2, "the form and the upload went to different nodes");
        var applied = await browser.SubmitFormAsync(preview, new Dictionary<string, string>(), "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(3, await b.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id, Ct)));
        Assert.Equal(0, await b.WithDb(db => db.Set<PendingRegisterUpload>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_preview_token_of_another_compound_or_a_made_up_one_is_refused_as_expired()
    {
        using var factory = new PortalFactory();
        var mine = await factory.CreateCompoundAsync("PA" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var other = await factory.CreateCompoundAsync("PB" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, committee) = await factory.RoleHolderAsync(other, CompoundRoleKind.Committee);
        var (_, myCommittee) = await factory.RoleHolderAsync(mine, CompoundRoleKind.Committee);
        var preview = await RegisterPageTests.UploadAsync(myCommittee, mine.Code, "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,80.00,K1,甲,\n");
        var token = preview.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#apply-form input[name=Token]")!.Value;

        foreach (var forged in new[] { token, Guid.NewGuid().ToString("N"), "../../etc/passwd" })
        {
            var page = await committee.GetDocumentAsync($"/c/{other.Code}/register/import");
            var antiforgery = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#upload-form input[name=__RequestVerificationToken]")!.Value;
            var response = await committee.PostAsync($"/c/{other.Code}/register/import?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery, ["Token"] = forged, ["FileName"] = "x.csv",
            }), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("上传的文件已失效", await response.BodyAsync());
        }
        Assert.Equal(1, await factory.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == other.Id, Ct)));
    }

    [Fact]
    public async Task A_web_node_runs_no_job_server_and_a_worker_node_serves_health_but_no_pages()
    {
        using var web = new PortalFactory().With("Portal:Role", "web");
        Assert.DoesNotContain(web.Services.GetServices<IHostedService>(), s => s.GetType().FullName!.Contains("Hangfire", StringComparison.Ordinal));
        using (var client = web.NewClient())
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);

        using var worker = new PortalFactory().With("Portal:Role", "worker");
        Assert.Contains(worker.Services.GetServices<IHostedService>(), s => s.GetType().FullName!.Contains("Hangfire", StringComparison.Ordinal));
        using var probe = worker.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz/live", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await probe.GetAsync("/account/login", Ct)).StatusCode);

        using var all = new PortalFactory();
        Assert.Contains(all.Services.GetServices<IHostedService>(), s => s.GetType().FullName!.Contains("Hangfire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_role_stops_the_start_with_a_clear_message()
    {
        using var factory = new PortalFactory().With("Portal:Role", "cook");
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Portal:Role must be all, web or worker", error.GetBaseException().Message);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Ready_answers_503_while_draining_and_live_stays_200()
    {
        using var factory = new PortalFactory();
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready", Ct)).StatusCode);
        factory.Services.GetRequiredService<Readiness>().StartDraining();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task Stopping_the_host_turns_readiness_off()
    {
        var factory = new PortalFactory();
        var readiness = factory.Services.GetRequiredService<Readiness>();
        Assert.False(readiness.Draining);
        await factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.WaitHandleAsync(() =>
            factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication());
        Assert.True(readiness.Draining);
        factory.Dispose();
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_at_rest()
    {
        using var factory = new PortalFactory();
        var path = Path.Combine(factory.Folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=portal-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(path, cert.Export(X509ContentType.Pfx, "secret"), Ct);
        }
        factory.With("DataProtection:CertificatePath", path).With("DataProtection:CertificatePassword", "secret");
        Assert.True(factory.Services.GetRequiredService<KeyRingStatus>().ProtectedAtRest);
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", Ct)).StatusCode); // antiforgery creates a key
        var keys = await factory.WithDb(db => db.Set<DataProtectionKey>().Select(k => k.Xml).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXml", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });

        using var plain = new PortalFactory();
        Assert.False(plain.Services.GetRequiredService<KeyRingStatus>().ProtectedAtRest);
    }

    [Fact]
    public async Task Behind_a_known_proxy_an_https_request_gets_secure_cookies_and_hsts()
    {
        // Kestrel on loopback: the test is the proxy (loopback is trusted by default, more via ForwardedHeaders:*).
        using var factory = new PortalFactory().With("ForwardedHeaders:KnownNetworks", "10.0.0.0/8");
        var address = factory.StartKestrel();
        using var client = new HttpClient { BaseAddress = address };

        using var viaTls = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        viaTls.Headers.Host = "portal.example.cn";
        viaTls.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await client.SendAsync(viaTls, Ct);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.All(secure.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("max-age=", string.Join(",", secure.Headers.GetValues("Strict-Transport-Security")));

        using var plain = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        plain.Headers.Host = "portal.example.cn";
        var insecure = await client.SendAsync(plain, Ct);
        Assert.All(insecure.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(insecure.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Two_nodes_starting_at_once_on_postgres_both_start_and_seed_the_demo_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var factories = Enumerable.Range(0, 3).Select(_ => new PortalFactory().OnPostgres(database.ConnectionString)).ToList();
        try
        {
            // The start-up work itself, as Program runs it, on every node at the same moment.
            var results = await Task.WhenAll(factories.Select(f => Task.Run(() => OpsCommandLine.PrepareDatabaseAsync(f.Services, seedDemo: true), Ct)));
            Assert.All(results, Assert.True);
            Assert.Equal(1, await factories[0].WithDb(db => db.Set<Compound>().CountAsync(c => c.Code == DemoSeed.CompoundCode, Ct)));
        }
        finally
        {
            foreach (var f in factories) f.Dispose();
        }
    }
}

internal static class WaitHandleExtensions
{
    /// <summary>Runs <paramref name="trigger"/> and waits until the token has fired (its callbacks have run).</summary>
    public static async Task WaitHandleAsync(this CancellationToken token, Action trigger)
    {
        var fired = new TaskCompletionSource();
        using var registration = token.Register(() => fired.TrySetResult());
        trigger();
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
