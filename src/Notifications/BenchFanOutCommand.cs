using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Notifications.Email;
using Portal.Ops;
using Portal.Features.Notices;

namespace Portal.Notifications;

/// <summary>
/// bench/notices.sh: seeds a compound of N households (one account each), then times a baseline (the same number of
/// emails straight through the email sender) and a notice from publishing to the last email batch accepted.
/// Run it only on a throwaway database.
/// </summary>
public sealed class BenchFanOutCommand : IOpsCommand
{
    public string Name => "bench-notice-fanout";
    public string Arguments => "--households N";
    public string Summary => "benchmark: publish a notice to N households on a throwaway database and time the fan-out";
    public IReadOnlyCollection<string> ValueOptions => ["households"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!int.TryParse(args.Required("households"), out var households) || households is < 1 or > 200_000)
            throw new OpsUsageException("--households must be a number from 1 to 200000");
        await DatabaseSetup.MigrateAsync(services, ct);

        var code = $"BENCH{DateTime.UtcNow:HHmmss}";
        var seedWatch = Stopwatch.StartNew();
        var compoundId = await SeedAsync(services, code, households, ct);
        stdout.WriteLine($"seeded {households} households in {seedWatch.Elapsed.TotalSeconds:F1} s");

        // Baseline: the same number of emails handed straight to the sender, without the fan-out.
        var baseline = Stopwatch.StartNew();
        using (var scope = services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<IEmailSender>();
            var emails = Enumerable.Range(0, households).Select(i => new OutgoingEmail($"baseline{i}@bench.local", "baseline", "baseline text", null, "bench.baseline")).ToList();
            await sender.SendBatchAsync(emails, ct);
        }
        baseline.Stop();

        var fanOut = Stopwatch.StartNew();
        long eventId;
        using (var scope = services.CreateScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<PortalDb>();
            var notice = new Notice(compoundId, "停水通知", "2026年12月3日8:00至12:00停水。", NoticeCategory.Outage, NoticeReach.Compound, [], false, false,
                DateTimeOffset.UtcNow, null, "bench", DateTimeOffset.UtcNow);
            db.Add(notice);
            await db.SaveChangesAsync(ct);
            await sp.GetRequiredService<NoticeBoard>().PublishAsync(notice.Id, ct);
            eventId = await db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.NoticePublished).MaxAsync(e => e.Id, ct);
        }
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<FanOutJob>().RunAsync(eventId, ct);
        fanOut.Stop();

        var sent = await services.CreateScope().ServiceProvider.GetRequiredService<PortalDb>().Set<Delivery>()
            .CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Sent, ct);
        stdout.WriteLine($"households={households} sent={sent} baseline_seconds={baseline.Elapsed.TotalSeconds:F2} fanout_seconds={fanOut.Elapsed.TotalSeconds:F2} ratio={fanOut.Elapsed.TotalSeconds / baseline.Elapsed.TotalSeconds:F2}");
        return sent == households ? 0 : 1;
    }

    /// <summary>A compound of N households, one confirmed account each (h{i}@{code}.bench); also the multi-node test's.</summary>
    internal static async Task<long> SeedAsync(IServiceProvider services, string code, int households, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var compound = new Compound(code, "基准测试小区", "唐山市", "路北区", "测试路1号", 1990, 2021);
        db.Add(compound);
        await db.SaveChangesAsync(ct);
        const int entrancesPerBuilding = 4, flatsPerEntrance = 60;
        var buildings = (households + entrancesPerBuilding * flatsPerEntrance - 1) / (entrancesPerBuilding * flatsPerEntrance);
        var entrances = new List<Entrance>();
        for (var b = 1; b <= buildings; b++)
        {
            var building = new Building(compound.Id, b.ToString());
            db.Add(building);
            await db.SaveChangesAsync(ct);
            for (var e = 1; e <= entrancesPerBuilding; e++) { var entrance = new Entrance(compound.Id, building.Id, e.ToString()); db.Add(entrance); entrances.Add(entrance); }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < households; start += 2000)
        {
            var count = Math.Min(2000, households - start);
            var owners = Enumerable.Range(start, count).Select(i => new OwnerOfRecord(compound.Id, $"O{i}", $"业主{i}", null)).ToList();
            var users = Enumerable.Range(start, count).Select(i => new PortalUser
            {
                UserName = $"h{i}@{code.ToLowerInvariant()}.bench", NormalizedUserName = $"H{i}@{code}.BENCH",
                Email = $"h{i}@{code.ToLowerInvariant()}.bench", NormalizedEmail = $"H{i}@{code}.BENCH",
                EmailConfirmed = true, DisplayName = $"住户{i}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString(),
            }).ToList();
            db.AddRange(owners);
            db.AddRange(users);
            await db.SaveChangesAsync(ct);
            var flats = owners.Select((o, k) =>
            {
                var i = start + k;
                var entrance = entrances[i / flatsPerEntrance];
                return new Flat(compound.Id, entrance.BuildingId, entrance.Id, $"{i % flatsPerEntrance / 2 + 1:D2}{i % 2 + 1:D2}", i % flatsPerEntrance / 2 + 1, 6_000, AreaSource.Registered, o.Id);
            }).ToList();
            db.AddRange(flats);
            await db.SaveChangesAsync(ct);
            db.AddRange(flats.Zip(users).Select(p => new ResidentLink(p.Second.Id, compound.Id, p.First.Id, ResidentRelation.Owner, now, "bench")));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return compound.Id;
    }
}
