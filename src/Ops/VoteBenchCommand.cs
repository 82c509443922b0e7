using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;

namespace Portal.Ops;

/// <summary>
/// bench/votes.sh: builds a compound of N flats where every owner has voted, then times the portal's tally against one
/// hand-written SQL aggregate over the same tables, in the same run. With <c>--committee EMAIL --password P</c> it also
/// makes a committee account for the compound and prints <c>live CODE VOTE</c>, for bench/live.sh to time the live page
/// against the tally endpoint over HTTP. Use a throwaway database.
/// </summary>
public sealed class BenchVoteTallyCommand : IOpsCommand
{
    /// <summary>Bench votes open at once: no notice period.</summary>
    internal static readonly SetCompoundRules.Changes BenchRules = new(NoticeDays: 0);

    public string Name => "bench-vote-tally";
    public string Arguments => "--flats N [--runs R] [--committee EMAIL --password P]";
    public string Summary => "benchmark: tally of an N-flat vote vs a hand-written SQL aggregate (throwaway database only)";
    public IReadOnlyCollection<string> ValueOptions => ["flats", "runs", "committee", "password"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var flats = (int)args.RequiredLong("flats");
        var runs = int.TryParse(args.Optional("runs") ?? "15", out var r) ? r : 15;
        await DatabaseSetup.MigrateAsync(services, ct);
        long voteId;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var compound = new Compound("BENCH" + Guid.NewGuid().ToString("N")[..6], "Bench", "唐山市", "路北区", "-", 1990, 2021);
            db.Add(compound);
            await db.SaveChangesAsync(ct);
            var building = new Building(compound.Id, "1");
            db.Add(building);
            await db.SaveChangesAsync(ct);
            var entrances = new List<Entrance>();
            for (var e = 1; e <= flats / 100 + 1; e++) entrances.Add(new Entrance(compound.Id, building.Id, e.ToString(CultureInfo.InvariantCulture)));
            db.AddRange(entrances);
            await db.SaveChangesAsync(ct);
            var owners = Enumerable.Range(0, flats).Select(i => new OwnerOfRecord(compound.Id, "O" + i, "业主" + i, null)).ToList();
            db.AddRange(owners);
            await db.SaveChangesAsync(ct);
            db.AddRange(owners.Select((o, i) => new Flat(compound.Id, building.Id, entrances[i / 100].Id, (i % 100).ToString(CultureInfo.InvariantCulture), 1,
                4_000 + i % 5_000, AreaSource.Registered, o.Id)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await scope.ServiceProvider.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id, BenchRules, "bench", ct);
            var vote = await scope.ServiceProvider.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(compound.Id,
                "bench", new CivilCodeMajor(), Scope.WholeCompound, null, DateTimeOffset.UtcNow.AddDays(30)), "bench", ct);
            voteId = vote.Id;
            var matter = await db.Set<Matter>().Where(m => m.VoteId == voteId).Select(m => m.Id).SingleAsync(ct);
            db.ChangeTracker.Clear();
            // Every owner voted (written directly: this measures counting, not casting).
            db.AddRange(owners.Select((o, i) => new CurrentBallot(voteId, o.Id, 1, "B" + i.ToString("D9", CultureInfo.InvariantCulture), 0, DateTimeOffset.UtcNow)));
            db.AddRange(owners.Select((o, i) => new CurrentChoice(voteId, o.Id, matter, (Choice)(i % 3 == 0 ? 1 : i % 7 == 0 ? 2 : 0), null)));
            await db.SaveChangesAsync(ct);
            if (args.Optional("committee") is { } committeeEmail)
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Features.Accounts.PortalUser>>();
                var user = new Features.Accounts.PortalUser { UserName = committeeEmail, Email = committeeEmail, EmailConfirmed = true, DisplayName = "bench committee", CreatedAt = DateTimeOffset.UtcNow };
                var created = await users.CreateAsync(user, args.Required("password"));
                if (!created.Succeeded) { stderr.WriteLine("error: " + string.Join("; ", created.Errors.Select(e => e.Description))); return 1; }
                db.Add(new Domain.Residents.CompoundRole(user.Id, compound.Id, Domain.Residents.CompoundRoleKind.Committee, null, null, DateTimeOffset.UtcNow, "bench"));
                await db.SaveChangesAsync(ct);
                stdout.WriteLine($"live {compound.Code} {voteId}");
            }
        }

        using var measure = services.CreateScope();
        var mdb = measure.ServiceProvider.GetRequiredService<PortalDb>();
        var counter = measure.ServiceProvider.GetRequiredService<VoteCounter>();
        var conn = mdb.Database.GetDbConnection();
        await conn.OpenAsync(ct);
        async Task<long> Aggregate()
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                SELECT c."Choice", COUNT(*), SUM(m."AreaCents") FROM "CurrentChoice" c
                JOIN "ElectorateMember" m ON m."VoteId" = c."VoteId" AND m."OwnerOfRecordId" = c."OwnerOfRecordId"
                WHERE c."VoteId" = @v GROUP BY c."Choice";
                SELECT COUNT(*), SUM("AreaCents") FROM "ElectorateMember" WHERE "VoteId" = @v;
                """;
            var p = cmd.CreateParameter(); p.ParameterName = "@v"; p.Value = voteId; cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            long total = 0;
            do { while (await reader.ReadAsync(ct)) total += reader.GetInt64(1); } while (await reader.NextResultAsync(ct));
            return total;
        }

        var tally = await counter.TallyAsync(voteId, ct); // warm up both
        await Aggregate();
        var portal = new List<double>();
        var sql = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            tally = await counter.TallyAsync(voteId, ct);
            portal.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            await Aggregate();
            sql.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
        var pm = Median(portal);
        var sm = Median(sql);
        stdout.WriteLine($"participated {tally[0].Participated.Owners} of {tally[0].Eligible.Owners} owners; passed {tally[0].Passed}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flats={flats} runs={runs} tally_ms={pm:0.00} sql_aggregate_ms={sm:0.00} ratio={pm / sm:0.00}"));
        return 0;
    }
}

/// <summary>bench/votes.sh: a compound with N owner accounts (password given) and an open vote; prints what the load script needs.</summary>
public sealed class BenchVoteResidentsCommand : IOpsCommand
{
    public string Name => "bench-vote-residents";
    public string Arguments => "--residents N --password P";
    public string Summary => "benchmark: an open vote with N signed-up owners (throwaway database only)";
    public IReadOnlyCollection<string> ValueOptions => ["residents", "password"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var n = (int)args.RequiredLong("residents");
        var password = args.Required("password");
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        var compound = new Compound("BV" + Guid.NewGuid().ToString("N")[..6], "Bench", "唐山市", "路北区", "-", 1990, 2021);
        db.Add(compound);
        await db.SaveChangesAsync(ct);
        var building = new Building(compound.Id, "1");
        db.Add(building);
        await db.SaveChangesAsync(ct);
        var entrance = new Entrance(compound.Id, building.Id, "1");
        db.Add(entrance);
        await db.SaveChangesAsync(ct);
        var owners = Enumerable.Range(0, n).Select(i => new OwnerOfRecord(compound.Id, "O" + i, "业主" + i, null)).ToList();
        db.AddRange(owners);
        await db.SaveChangesAsync(ct);
        var flats = owners.Select((o, i) => new Flat(compound.Id, building.Id, entrance.Id, (101 + i).ToString(CultureInfo.InvariantCulture), 1, 5_000, AreaSource.Registered, o.Id)).ToList();
        db.AddRange(flats);
        await db.SaveChangesAsync(ct);
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Features.Accounts.PortalUser>>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < n; i++)
        {
            var email = $"bench{i}@{compound.Code.ToLowerInvariant()}.local";
            var user = new Features.Accounts.PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "bench" + i, CreatedAt = now };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded) { stderr.WriteLine("error: " + string.Join("; ", created.Errors.Select(e => e.Description))); return 1; }
            db.Add(new Domain.Residents.ResidentLink(user.Id, compound.Id, flats[i].Id, Domain.Residents.ResidentRelation.Owner, now, "bench"));
            stdout.WriteLine($"resident {email} {owners[i].Id}");
        }
        await db.SaveChangesAsync(ct);
        await sp.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id, BenchVoteTallyCommand.BenchRules, "bench", ct);
        var vote = await sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(compound.Id,
            "bench", new CivilCodeOrdinary(), Scope.WholeCompound, null, now.AddDays(30), 7, 0), "bench", ct);
        var matter = await db.Set<Matter>().Where(m => m.VoteId == vote.Id).Select(m => m.Id).SingleAsync(ct);
        stdout.WriteLine($"vote {compound.Code} {vote.Id} {matter}");
        return 0;
    }
}
