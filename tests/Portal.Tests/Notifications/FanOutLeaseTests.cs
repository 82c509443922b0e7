using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>Fan-out batches are claimed under a lease: two workers share the work, a stopped one gives its batch back, a dead one's batch is taken over.</summary>
public sealed class FanOutLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The real sender, after a pause; says when its first batch has started, counts batches and recipients.</summary>
    private sealed class PacedSender(IEmailSender inner, TimeSpan pause) : IEmailSender
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Batches;
        public Task<long> SendAsync(OutgoingEmail email, CancellationToken ct = default) => inner.SendAsync(email, ct);
        public async Task SendBatchAsync(IReadOnlyList<OutgoingEmail> batch, CancellationToken ct = default)
        {
            Started.TrySetResult();
            await Task.Delay(pause, ct);
            await inner.SendBatchAsync(batch, ct);
            Interlocked.Increment(ref Batches);
        }
    }

    /// <summary>The provider accepts the batch, then the node hangs (as if killed) until the test lets it go on.</summary>
    private sealed class AcceptsThenHangs(IEmailSender inner) : IEmailSender
    {
        public TaskCompletionSource Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task<long> SendAsync(OutgoingEmail email, CancellationToken ct = default) => inner.SendAsync(email, ct);
        public async Task SendBatchAsync(IReadOnlyList<OutgoingEmail> batch, CancellationToken ct = default)
        {
            await inner.SendBatchAsync(batch, ct);
            Accepted.TrySetResult();
            await Resume.Task;
        }
    }

    private sealed class Shifted(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }

    private static async Task<List<PortalUser>> ResidentsAsync(PortalFactory factory, TestCompound compound)
    {
        var residents = new List<PortalUser>();
        foreach (var flat in compound.Flats)
        {
            var user = await factory.CreateUserAsync($"{compound.Code.ToLowerInvariant()}-{flat.Room}-{Guid.NewGuid():N}@example.com");
            await factory.LinkAsync(user.Id, compound, flat);
            residents.Add(user);
        }
        return residents;
    }

    private static Task<long> StoreEventAsync(PortalFactory factory, TestCompound compound) =>
        factory.WithDb(async db =>
        {
            var e = new NotificationEvent(NotificationKind.NoticePublished, compound.Id, Audience.ResidentsIn(Scope.WholeCompound), $"/c/{compound.Code}/notices/1",
                new Dictionary<string, string> { ["title"] = "停电通知", ["compound"] = compound.Compound.Name, ["summary"] = "9:00-11:00" },
                DateTimeOffset.UtcNow);
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    /// <summary>Runs the job in its own scope with some of its parts replaced (the sender, the claims' clock).</summary>
    private static async Task RunAsync(PortalFactory factory, long eventId, Func<IServiceProvider, object[]> parts, CancellationToken ct)
    {
        using var scope = factory.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<FanOutJob>(scope.ServiceProvider, parts(scope.ServiceProvider));
        await job.RunAsync(eventId, ct);
    }

    private static async Task<bool> RunToleratingOthersAsync(PortalFactory factory, long eventId, Func<IServiceProvider, object[]> parts)
    {
        try
        {
            await RunAsync(factory, eventId, parts, Ct);
            return true;
        }
        catch (DeliveriesOutstandingException)
        {
            return false; // the other worker still held a batch when this one finished: Hangfire would retry
        }
    }

    private static async Task<List<Delivery>> DeliveriesAsync(PortalFactory factory, long eventId) =>
        await factory.WithDb(db => db.Set<Delivery>().AsNoTracking().Where(d => d.EventId == eventId && d.Channel == DeliveryChannel.Email).ToListAsync(Ct));

    private static async Task<Dictionary<string, int>> EmailsPerRecipientAsync(PortalFactory factory) =>
        await factory.WithDb(db => db.Set<EmailMessage>().Where(m => m.Kind == "notify.NoticePublished")
            .GroupBy(m => m.To).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, Ct));

    private static async Task Two_workers_share_one_fan_out_and_send_every_email_once(PortalFactory a, PortalFactory b)
    {
        var compound = await a.CreateCompoundAsync("LS" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 6);
        var residents = await ResidentsAsync(a, compound); // 12 accounts: 4 batches of 3
        var eventId = await StoreEventAsync(a, compound);

        PacedSender? senderA = null, senderB = null;
        var first = Task.Run(() => RunToleratingOthersAsync(a, eventId, sp => [senderA = new PacedSender(sp.GetRequiredService<IEmailSender>(), TimeSpan.FromMilliseconds(400))]), Ct);
        await Eventually.Until(() => Task.FromResult(senderA), s => s is not null, "worker A built its sender");
        await senderA!.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct); // A holds its first batch under a lease
        var second = Task.Run(() => RunToleratingOthersAsync(b, eventId, sp => [senderB = new PacedSender(sp.GetRequiredService<IEmailSender>(), TimeSpan.FromMilliseconds(100))]), Ct);
        var finished = await Task.WhenAll(first, second);
        if (!finished.All(x => x)) await RunAsync(b, eventId, sp => [sp.GetRequiredService<IEmailSender>()], Ct); // Hangfire's retry: finds all sent

        Assert.True(senderA.Batches > 0 && senderB!.Batches > 0, $"both workers sent batches (A {senderA.Batches}, B {senderB!.Batches})");
        Assert.Equal(4, senderA.Batches + senderB.Batches);
        var emails = await EmailsPerRecipientAsync(a);
        Assert.Equal(residents.Select(r => r.Email!).Order(), emails.Keys.Order());
        Assert.All(emails.Values, n => Assert.Equal(1, n));
        var deliveries = await DeliveriesAsync(a, eventId);
        Assert.Equal(12, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Sent, 1, 0, (DateTimeOffset?)null), (d.Status, d.Attempts, d.ExpiredLeases, d.LeaseUntil)));
    }

    [Fact]
    public async Task Two_fan_out_workers_on_one_sqlite_database_send_every_email_once()
    {
        await using var a = new PortalFactory().With("Notifications:BatchSize", "3");
        await using var b = new PortalFactory().With("Notifications:BatchSize", "3").With("ConnectionStrings:Portal", $"Data Source={a.DatabasePath}");
        _ = a.Services; _ = b.Services;
        await Two_workers_share_one_fan_out_and_send_every_email_once(a, b);
    }

    [Fact]
    public async Task Two_fan_out_workers_on_one_postgres_database_send_every_email_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = new PortalFactory().OnPostgres(database.ConnectionString).With("Notifications:BatchSize", "3");
        await using var b = new PortalFactory().OnPostgres(database.ConnectionString).With("Notifications:BatchSize", "3");
        _ = a.Services; _ = b.Services;
        await Two_workers_share_one_fan_out_and_send_every_email_once(a, b);
    }

    [Fact]
    public async Task A_worker_stopped_while_sendgrid_has_not_answered_puts_the_batch_back_and_does_not_succeed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sendGrid = await StubServer.StartAsync(async _ =>
        {
            asked.TrySetResult();
            await release.Task;
            return (202, "");
        });
        await using var factory = new PortalFactory()
            .With("SendGrid:ApiKey", "SG.test-key")
            .With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'));
        var compound = await factory.CreateCompoundAsync("LC" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 4);
        var residents = await ResidentsAsync(factory, compound);
        var eventId = await StoreEventAsync(factory, compound);

        using var sigterm = new CancellationTokenSource();
        var job = Task.Run(() => RunAsync(factory, eventId, sp => [sp.GetRequiredService<IEmailSender>()], sigterm.Token), Ct);
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await sigterm.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job);

        var deliveries = await DeliveriesAsync(factory, eventId);
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Pending, (Guid?)null, 0), (d.Status, d.ClaimId, d.Attempts)));

        release.TrySetResult(); // SendGrid answers again; the next run (another node, or Hangfire's retry) sends them
        await RunAsync(factory, eventId, sp => [sp.GetRequiredService<IEmailSender>()], Ct);
        deliveries = await DeliveriesAsync(factory, eventId);
        Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Sent, 1, 0), (d.Status, d.Attempts, d.ExpiredLeases)));
        Assert.Equal(2, sendGrid.Requests.Count); // the cancelled request and the one that went out
        Assert.Equal(residents.Count, await factory.WithDb(db => db.Set<EmailMessage>().CountAsync(m => m.Status == EmailStatus.Sent, Ct)));
    }

    [Fact]
    public async Task A_job_ends_unsuccessfully_while_another_worker_holds_rows_under_a_live_lease()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("LH" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 3);
        await ResidentsAsync(factory, compound);
        var eventId = await StoreEventAsync(factory, compound);
        var hanging = (AcceptsThenHangs?)null;
        var other = Task.Run(() => RunAsync(factory, eventId, sp => [hanging = new AcceptsThenHangs(sp.GetRequiredService<IEmailSender>())], Ct), Ct);
        await Eventually.Until(() => Task.FromResult(hanging), h => h is not null, "the other worker built its sender");
        await hanging!.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await Assert.ThrowsAsync<DeliveriesOutstandingException>(() => RunAsync(factory, eventId, sp => [sp.GetRequiredService<IEmailSender>()], Ct));
        hanging.Resume.TrySetResult();
        await other;
        Assert.All(await DeliveriesAsync(factory, eventId), d => Assert.Equal((DeliveryStatus.Sent, 0), (d.Status, d.ExpiredLeases)));
        Assert.All((await EmailsPerRecipientAsync(factory)).Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task A_batch_whose_lease_ran_out_is_sent_by_another_worker_and_counted_as_possible_duplicates()
    {
        await using var factory = new PortalFactory().With("Notifications:BatchSize", "2");
        var compound = await factory.CreateCompoundAsync("LX" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 5);
        var residents = await ResidentsAsync(factory, compound);
        var eventId = await StoreEventAsync(factory, compound);

        // Worker A's lease is already over when it claims (its clock is an hour behind); the provider accepts its first
        // batch and then A hangs, as a killed node would, before marking the rows.
        AcceptsThenHangs? dying = null;
        var a = Task.Run(() => RunAsync(factory, eventId, sp =>
        [
            dying = new AcceptsThenHangs(sp.GetRequiredService<IEmailSender>()),
            ActivatorUtilities.CreateInstance<DeliveryClaims>(sp, new Shifted(TimeSpan.FromHours(-1))),
        ], Ct), Ct);
        await Eventually.Until(() => Task.FromResult(dying), d => d is not null, "worker A built its sender");
        await dying!.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await RunAsync(factory, eventId, sp => [sp.GetRequiredService<IEmailSender>()], Ct); // worker B takes everything over
        var deliveries = await DeliveriesAsync(factory, eventId);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        var twice = deliveries.Where(d => d.ExpiredLeases > 0).ToList();
        Assert.Equal(2, twice.Count); // one batch at most
        var emails = await EmailsPerRecipientAsync(factory);
        Assert.Equal(residents.Count, emails.Count);
        Assert.Equal(2, emails.Count(x => x.Value == 2));

        dying.Resume.TrySetResult(); // A comes back: its claim was taken over, so it marks nothing and sends nothing more
        await a;
        Assert.Equal(emails, await EmailsPerRecipientAsync(factory));

        var admin = await factory.CreateUserAsync($"ops-{Guid.NewGuid():N}@example.com", admin: true);
        var client = await factory.SignedInClientAsync(admin.Email!);
        var page = await client.GetDocumentAsync("/admin/outbox");
        Assert.Equal("2", page.QuerySelector("#possible-duplicates")!.GetAttribute("data-count"));
        Assert.Contains("可能重复发送：2", page.QuerySelector("#possible-duplicates")!.TextContent);
    }
}
