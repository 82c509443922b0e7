using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Domain.Notices;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Notices;
using Portal.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Tests.Register;
using Portal.Tests.Votes;

namespace Portal.Tests.Nodes;

/// <summary>
/// SendGrid as the fan-out sees it: a batch is accepted only once its answer is due (a caller that drops the
/// connection first has sent nothing), or, in <see cref="HangAfterAccepting"/> mode, accepted at once and then the
/// answer is held back, so a node killed meanwhile never learns the batch went out.
/// </summary>
public sealed class SendGridStandIn : IAsyncDisposable
{
    public sealed record Batch(string Body, IReadOnlyList<string> To);

    private StubServer? _server;
    public ConcurrentQueue<Batch> Accepted { get; } = new();
    private int _seen;
    /// <summary>Requests received, answered or not.</summary>
    public int Seen => Volatile.Read(ref _seen);
    public TimeSpan PauseBeforeAccepting { get; set; }
    /// <summary>The next batch is accepted, then its answer waits (until the caller is gone).</summary>
    public bool HangAfterAccepting { get; set; }
    /// <summary>
    /// Batches whose body carries this marker, after the first one, are held unanswered and never accepted, until the
    /// caller hangs up (or two minutes pass, answered 503): a sender stopped meanwhile has sent nothing.
    /// </summary>
    public string? HoldAfterFirstFor { get; set; }
    private int _markedSeen, _held;
    /// <summary>Batches held now by <see cref="HoldAfterFirstFor"/>.</summary>
    public int Held => Volatile.Read(ref _held);
    public string Host => _server!.Address.ToString().TrimEnd('/');

    public static async Task<SendGridStandIn> StartAsync()
    {
        var standIn = new SendGridStandIn();
        standIn._server = await StubServer.StartAsync(standIn.AnswerAsync);
        return standIn;
    }

    private async Task<(int, string)> AnswerAsync(RecordedRequest request, CancellationToken aborted)
    {
        Interlocked.Increment(ref _seen);
        var to = JsonDocument.Parse(request.Body).RootElement.GetProperty("personalizations").EnumerateArray()
            .SelectMany(p => p.GetProperty("to").EnumerateArray()).Select(t => t.GetProperty("email").GetString()!).ToList();
        if (HangAfterAccepting)
        {
            HangAfterAccepting = false;
            Accepted.Enqueue(new Batch(request.Body, to));
            await Task.Delay(TimeSpan.FromMinutes(2), aborted);
            return (202, "");
        }
        if (HoldAfterFirstFor is { } marker && request.Body.Contains(marker, StringComparison.Ordinal) && Interlocked.Increment(ref _markedSeen) > 1)
        {
            Interlocked.Increment(ref _held);
            try { await Task.Delay(TimeSpan.FromMinutes(2), aborted); }
            finally { Interlocked.Decrement(ref _held); }
            return (503, "");
        }
        await Task.Delay(PauseBeforeAccepting, aborted);
        Accepted.Enqueue(new Batch(request.Body, to));
        return (202, "");
    }

    /// <summary>Every accepted address of the emails whose body carries <paramref name="marker"/>, repeats included.</summary>
    public List<string> AcceptedFor(string marker) => Accepted.Where(b => b.Body.Contains(marker, StringComparison.Ordinal)).SelectMany(b => b.To).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// deploy/run-nodes.sh 2 on a fresh PostgreSQL database: two web processes, a worker and the round-robin proxy, shared
/// by the steps of <see cref="MultiNodeProcessTests"/>. An in-process app on the same database (role web, no job
/// server) seeds data and reads the tables.
/// </summary>
public sealed class NodesFixture : IAsyncLifetime
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "portal-nodes-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, string> _environment = new();
    public PostgresDatabase? Database { get; private set; }
    public PortalFactory? App { get; private set; }
    public SendGridStandIn? SendGrid { get; private set; }
    public Uri Proxy { get; private set; } = new("http://127.0.0.1");
    public int WorkerPid { get; private set; }
    public bool Available => Database is not null;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "deploy", "run-nodes.sh"))) return dir.FullName;
            throw new InvalidOperationException("deploy/run-nodes.sh not found above " + AppContext.BaseDirectory);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (TestEnvironment.PostgresConnectionString is null) return; // each test skips (or fails when required)
        Database = await PostgresDatabase.CreateAsync();
        SendGrid = await SendGridStandIn.StartAsync();
        var pooled = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = true, MaxPoolSize = 20 }.ToString();
        _environment["PORTAL_NODES_POSTGRES"] = pooled;
        _environment["PORTAL_NODES_APP"] = AppContext.BaseDirectory;
        _environment["PORTAL_NODES_STATE"] = _state;
        _environment["SendGrid__ApiKey"] = "SG.test-key";
        _environment["SendGrid__Host"] = SendGrid.Host;
        _environment["Notifications__SendLeaseSeconds"] = "10";
        _environment["Hangfire__InvisibilityTimeoutSeconds"] = "20";
        _environment["Portal__ShutdownTimeoutSeconds"] = "10";
        _environment["Logging__LogLevel__Default"] = "Information";
        _environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Warning";

        try
        {
            var started = await RunScriptAsync("2");
            Proxy = new Uri(Regex.Match(started, @"^proxy (\S+) pid \d+", RegexOptions.Multiline).Groups[1].Value);
            WorkerPid = int.Parse(Regex.Match(started, @"^worker1 \S+ pid (\d+)", RegexOptions.Multiline).Groups[1].Value);
            App = new PortalFactory().OnPostgres(pooled).With("Portal:Role", "web").With("Hangfire:Storage", "Database");
            _ = App.Services;
        }
        catch
        {
            await DisposeAsync(); // no processes left behind when the start fails half way
            throw;
        }
    }

    /// <summary>deploy/run-nodes.sh with the fixture's settings; fails with its output when it exits non-zero.</summary>
    public async Task<string> RunScriptAsync(string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "deploy", "run-nodes.sh"));
        start.ArgumentList.Add(argument);
        foreach (var (k, v) in _environment) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"run-nodes.sh {argument} exited {process.ExitCode}:\n{output}\n{await stderr}");
        return output;
    }

    /// <summary>Starts another worker (after the first was stopped or killed) and waits until it is ready.</summary>
    public async Task RestartWorkerAsync()
    {
        var output = await RunScriptAsync("worker");
        WorkerPid = int.Parse(Regex.Match(output, @"^worker\d+ \S+ pid (\d+)", RegexOptions.Multiline).Groups[1].Value);
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Database is null || _disposed) return;
        _disposed = true;
        try { await RunScriptAsync("stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        if (App is not null) await App.DisposeAsync();
        if (SendGrid is not null) await SendGrid.DisposeAsync();
        await Database.DisposeAsync();
        try { Directory.Delete(_state, recursive: true); }
        catch (IOException) { /* logs kept for a look */ }
    }
}

/// <summary>Several portal processes on one PostgreSQL behind a round-robin proxy (issue 16), started by deploy/run-nodes.sh.</summary>
public sealed class MultiNodeProcessTests(NodesFixture nodes) : IClassFixture<NodesFixture>
{
    private const int Households = 3000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory App
    {
        get
        {
            TestEnvironment.RequirePostgres();
            return nodes.App!;
        }
    }

    /// <summary>Records which node answered each request (the proxy's X-Portal-Node).</summary>
    private sealed class NodeRecorder : DelegatingHandler
    {
        public List<(string Request, string Node)> Answers { get; } = [];
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            lock (Answers)
                Answers.Add(($"{request.Method} {request.RequestUri!.PathAndQuery}",
                    response.Headers.TryGetValues("X-Portal-Node", out var node) ? node.Single() : "?"));
            return response;
        }
    }

    private (HttpClient Browser, NodeRecorder Nodes) Browser()
    {
        var recorder = new NodeRecorder { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() } };
        return (new HttpClient(recorder) { BaseAddress = nodes.Proxy, Timeout = TimeSpan.FromSeconds(60) }, recorder);
    }

    private static async Task SignInAsync(HttpClient browser, string email)
    {
        var login = await browser.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task A_login_and_its_antiforgery_token_from_one_node_work_on_the_other_and_a_register_preview_is_confirmed_there()
    {
        var app = App;
        var compound = await app.CreateCompoundAsync("MN" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var user = await app.CreateUserAsync($"mn-{Guid.NewGuid():N}@example.com");
        await app.GrantAsync(user.Id, compound, CompoundRoleKind.Committee);
        var (browser, answers) = Browser();

        // (b) The login form (and its antiforgery token) from one node, posted to the other.
        await SignInAsync(browser, user.Email!);
        Assert.Equal(["GET /account/login", "POST /account/login"], answers.Answers.Select(a => a.Request));
        Assert.NotEqual(answers.Answers[0].Node, answers.Answers[1].Node);

        // (a) Signed in by one node, recognised by both.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var page = await browser.GetAsync($"/c/{compound.Code}/register/import", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("upload-form", await page.BodyAsync());
        }
        Assert.Equal(2, answers.Answers.Skip(2).Select(a => a.Node).Distinct().Count());

        // (c) The preview is made on one node, confirmed on the other.
        var preview = await RegisterPageTests.UploadAsync(browser, compound.Code,
            "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,80.00,K1,甲,\n1,1,1,102,60.00,K2,乙,\n1,1,1,103,40.00,K3,丙,\n");
        Assert.NotNull(preview.QuerySelector("#apply-form"));
        var uploadedOn = answers.Answers[^1].Node;
        var applied = await browser.SubmitFormAsync(preview, new Dictionary<string, string>(), "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.NotEqual(uploadedOn, answers.Answers[^1].Node);
        Assert.Equal(3, await app.WithDb(db => db.Set<Flat>().CountAsync(f => f.CompoundId == compound.Id, Ct)));
        Assert.Equal(0, await app.WithDb(db => db.Set<PendingRegisterUpload>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_vote_is_closed_exactly_once_by_the_worker_and_two_close_commands_at_the_same_moment()
    {
        var app = App;
        var compound = await app.CreateCompoundAsync("MV" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        // The vote's closing job goes to the shared job storage, so the worker process runs it at closing time.
        var vote = await app.CreateVoteAsync(compound, "楼道改造", new CivilCodeOrdinary(), Scope.WholeCompound, closesIn: TimeSpan.FromSeconds(15));
        Assert.Equal(VoteStatus.Open, vote.Status); // opens at once; 15 s leave room for the ballot on a loaded machine
        await app.RecordAsync(vote.Id, compound, compound.Flats[0].Id, Choice.Agree);
        var wait = vote.ClosesAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, Ct);

        // Two more processes close it at the same moment as the worker's job.
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Portal"] = nodes.Database!.ConnectionString,
        };
        var commands = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            PortalProcess.RunAsync(AppContext.BaseDirectory, environment, "close-vote", "--vote", vote.Id.ToString())));
        Assert.All(commands, c => Assert.Equal(0, c.ExitCode));

        await Eventually.Until(async () => (await app.VoteAsync(vote.Id)).Status != VoteStatus.Open, "the vote is closed", TimeSpan.FromSeconds(30));
        var closes = await app.WithDb(db => db.Set<VoteAuditEntry>().CountAsync(a => a.VoteId == vote.Id && a.Action == AuditActions.Close, Ct));
        Assert.Equal(1, closes);
        Assert.True((await app.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task A_notice_to_3000_households_reaches_every_one_when_the_sending_worker_is_stopped_and_then_killed_mid_fan_out()
    {
        var app = App;
        var sendGrid = nodes.SendGrid!;
        var code = "MF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var compoundId = await app.Scoped(sp => BenchFanOutCommand.SeedAsync(sp, code, Households, CancellationToken.None));
        var admin = await app.CreateUserAsync($"mn-admin-{Guid.NewGuid():N}@example.com", admin: true);

        // 1. SIGTERM while a batch waits for SendGrid's answer: that batch goes back to pending at once, nothing is lost.
        //    The stand-in holds every batch after the first until the worker hangs up, so the signal lands mid-request
        //    however loaded the machine is, and well inside the 10 s lease.
        sendGrid.PauseBeforeAccepting = TimeSpan.FromMilliseconds(200);
        sendGrid.HoldAfterFirstFor = "T1-" + code;
        var first = await PublishAsync(compoundId, "T1-" + code);
        await Eventually.Until(() => sendGrid.AcceptedFor(first.Marker).Count >= 1000 && sendGrid.Held >= 1, "one batch accepted, the next one waiting", TimeSpan.FromSeconds(60));
        await SignalAsync(nodes.WorkerPid, "TERM");
        await Eventually.Until(() => !Running(nodes.WorkerPid), "the stopped worker exits", TimeSpan.FromSeconds(30));
        sendGrid.HoldAfterFirstFor = null;
        Assert.Equal(0, await DeliveriesAsync(first.EventId, DeliveryStatus.Sending));
        Assert.True(await DeliveriesAsync(first.EventId, DeliveryStatus.Sent) < Households, "stopped mid fan-out");
        await nodes.RestartWorkerAsync();
        await Eventually.Until(async () => await DeliveriesAsync(first.EventId, DeliveryStatus.Sent) == Households, "every email of the first notice sent", TimeSpan.FromSeconds(90));
        var firstEmails = sendGrid.AcceptedFor(first.Marker);
        Assert.Equal(Households, firstEmails.Distinct().Count());
        Assert.Equal(Households, firstEmails.Count); // the stopped batch was not accepted, so nothing went twice

        // 2. kill -9 after SendGrid accepted a batch, before the node marked it: another node sends it again after the lease.
        sendGrid.HangAfterAccepting = true;
        var second = await PublishAsync(compoundId, "T2-" + code);
        await Eventually.Until(() => sendGrid.AcceptedFor(second.Marker).Count >= 1000, "a batch of the second notice accepted", TimeSpan.FromSeconds(60));
        await SignalAsync(nodes.WorkerPid, "KILL");
        await Eventually.Until(() => !Running(nodes.WorkerPid), "the killed worker is gone", TimeSpan.FromSeconds(10));
        Assert.True(await DeliveriesAsync(second.EventId, DeliveryStatus.Sending) > 0, "the killed worker left its batch Sending");
        await nodes.RestartWorkerAsync();
        await Eventually.Until(async () => await DeliveriesAsync(second.EventId, DeliveryStatus.Sent) == Households, "every email of the second notice sent", TimeSpan.FromSeconds(120));
        var secondEmails = sendGrid.AcceptedFor(second.Marker);
        Assert.Equal(Households, secondEmails.Distinct().Count());
        var duplicates = secondEmails.Count - Households;
        var counted = await app.WithDb(db => db.Set<Delivery>().CountAsync(d => d.EventId == second.EventId && d.Status == DeliveryStatus.Sent && d.ExpiredLeases > 0, Ct));
        Assert.InRange(duplicates, 1, 1000);
        Assert.Equal(duplicates, counted);

        // The admin outbox, through the proxy, shows the count.
        var (browser, _) = Browser();
        await SignInAsync(browser, admin.Email!);
        var outbox = await browser.GetDocumentAsync("/admin/outbox");
        var shown = int.Parse(outbox.QuerySelector("#possible-duplicates")!.GetAttribute("data-count")!);
        Assert.Equal(await app.WithDb(db => db.Set<Delivery>().CountAsync(d => d.Status == DeliveryStatus.Sent && d.ExpiredLeases > 0, Ct)), shown);
        Assert.True(shown >= counted);
    }

    private async Task<(long EventId, string Marker)> PublishAsync(long compoundId, string marker) =>
        (await App.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var notice = new Notice(compoundId, $"停水通知 {marker}", $"明天 8:00-12:00 停水。{marker}", NoticeCategory.Outage, NoticeReach.Compound, [], false, false,
                DateTimeOffset.UtcNow, null, "test", DateTimeOffset.UtcNow);
            db.Add(notice);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NoticeBoard>().PublishAsync(notice.Id, CancellationToken.None);
            return await db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.NoticePublished && e.CompoundId == compoundId).MaxAsync(e => e.Id);
        }), marker);

    private Task<int> DeliveriesAsync(long eventId, DeliveryStatus status) =>
        App.WithDb(db => db.Set<Delivery>().CountAsync(d => d.EventId == eventId && d.Channel == DeliveryChannel.Email && d.Status == status, Ct));

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        await kill.WaitForExitAsync(Ct);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Not gone and not a zombie (the node's parent, the script, has exited; pid 1 may not reap at once).</summary>
    private static bool Running(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
