using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Nodes;

/// <summary>`dotnet Portal.dll proxy`, the round-robin proxy deploy/run-nodes.sh puts in front of the web nodes.</summary>
public sealed class RoundRobinProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(Process Proxy, Uri Address)> StartProxyAsync(params string[] nodes)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Portal.dll"), "proxy", "--urls", $"http://127.0.0.1:{port}" }.Concat(nodes))
            start.ArgumentList.Add(a);
        var proxy = Process.Start(start)!;
        _ = proxy.StandardOutput.ReadToEndAsync(Ct);
        _ = proxy.StandardError.ReadToEndAsync(Ct);
        var address = new Uri($"http://127.0.0.1:{port}");
        await Eventually.Until(() =>
        {
            using var probe = new TcpClient();
            try { probe.Connect(IPAddress.Loopback, port); return true; }
            catch (SocketException) { return false; }
        }, "the proxy listens", TimeSpan.FromSeconds(30));
        return (proxy, address);
    }

    [Fact]
    public async Task Requests_go_to_each_node_in_turn_as_sent_and_a_node_that_is_down_is_skipped()
    {
        await using var a = await StubServer.StartAsync(r => Task.FromResult((r.Method == "POST" ? 302 : 200, "a:" + r.Body)));
        await using var b = await StubServer.StartAsync(r => Task.FromResult((200, "b:" + r.Body)));
        var down = $"http://127.0.0.1:{FreePort()}";
        var (proxy, address) = await StartProxyAsync(a.Address.ToString(), down, b.Address.ToString());
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
            var nodes = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/page?i={i}");
                request.Headers.Add("Cookie", "session=abc");
                var response = await client.SendAsync(request, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                nodes.Add(response.Headers.GetValues("X-Portal-Node").Single());
            }
            Assert.Equal(2, nodes.Distinct().Count()); // the node that is down never answers
            Assert.DoesNotContain(new Uri(down).Authority, nodes);
            Assert.True(a.Requests.Count >= 2 && b.Requests.Count >= 2, "both live nodes get requests");
            var forwarded = a.Requests.First();
            Assert.Equal("session=abc", forwarded.Headers["Cookie"]);
            Assert.Equal(address.Authority, forwarded.Headers["Host"]);
            Assert.Equal("http", forwarded.Headers["X-Forwarded-Proto"]);
            Assert.Equal("127.0.0.1", forwarded.Headers["X-Forwarded-For"]);
            Assert.StartsWith("/page?i=", forwarded.Path + forwarded.Query);

            // A POST's body reaches the node whatever node that is, and its redirect comes back unfollowed.
            var answers = new List<(HttpStatusCode, string)>();
            for (var i = 0; i < 2; i++)
            {
                var posted = await client.PostAsync("/form", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "甲" }), Ct);
                answers.Add((posted.StatusCode, await posted.Content.ReadAsStringAsync(Ct)));
            }
            Assert.Contains((HttpStatusCode.Redirect, "a:x=%E7%94%B2"), answers);
            Assert.Contains((HttpStatusCode.OK, "b:x=%E7%94%B2"), answers);
        }
        finally
        {
            proxy.Kill();
            await proxy.WaitForExitAsync(Ct);
            proxy.Dispose();
        }
    }

    [Fact]
    public async Task With_every_node_down_the_proxy_answers_502()
    {
        var (proxy, address) = await StartProxyAsync($"http://127.0.0.1:{FreePort()}", $"http://127.0.0.1:{FreePort()}");
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.BadGateway, (await client.GetAsync("/", Ct)).StatusCode);
        }
        finally
        {
            proxy.Kill();
            await proxy.WaitForExitAsync(Ct);
            proxy.Dispose();
        }
    }

    [Fact]
    public async Task Without_a_node_it_prints_its_usage_and_exits_two()
    {
        var result = await PortalProcess.RunAsync(AppContext.BaseDirectory, null, "proxy");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: proxy", result.Stderr);
    }
}
