using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;

namespace Portal.Ops;

public sealed class CreateVoteCommand : IOpsCommand
{
    public string Name => "create-vote";
    public string Arguments => "--compound CODE --title TEXT --rule RULE [--scope compound|building:B|entrance:B/E] [--opens ISO8601] [--closes ISO8601]";
    public string Summary => "create a vote with one matter (open now unless --opens is later; the compound's rules apply); prints its id last";
    public IReadOnlyCollection<string> ValueOptions => ["compound", "title", "rule", "scope", "opens", "closes", "objection-days", "options"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var code = Compound.NormaliseCode(args.Required("compound"));
        var title = args.Required("title");
        var offered = VoteRuleKind.All.Where(k => !k.TakesLines).Select(k => k.Code).ToList();
        if (!VoteRuleKind.TryParse(args.Required("rule"), out var rule))
            throw new OpsUsageException($"--rule must be {string.Join(", ", offered[..^1])} or {offered[^1]}");
        if (rule.TakesLines)
            throw new OpsUsageException($"--rule {rule.Code} needs its lines: create such votes on the vote page");
        var opens = args.OptionalTime("opens");
        int? objectionDays = args.Optional("objection-days") is not { } od ? null
            : int.TryParse(od, out var d) ? d : throw new OpsUsageException("--objection-days must be a whole number");

        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var closes = args.OptionalTime("closes") ?? (opens ?? clock.GetUtcNow()).AddDays(14);
        var compound = await db.Set<Compound>().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (compound is null)
        {
            stderr.WriteLine($"error: no compound {code}");
            return 1;
        }
        var voteScope = await ParseScopeAsync(db, compound.Id, args.Optional("scope") ?? "compound", ct);
        if (voteScope is null)
        {
            stderr.WriteLine($"error: no such building or entrance in {code}: {args.Optional("scope")}");
            return 1;
        }
        var options = (args.Optional("options") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        try
        {
            var vote = await scope.ServiceProvider.GetRequiredService<CreateVote>().RunAsync(
                new CreateVote.NewVote(compound.Id, title, rule.Create(), voteScope, opens, closes,
                    objectionDays ?? (await db.RulesOfAsync(compound.Id, ct)).ObjectionDays, 24, options), "ops", ct);
            stdout.WriteLine($"vote {vote.Id} {vote.Status.ToString().ToLowerInvariant()} until {vote.ClosesAt:O}");
            stdout.WriteLine(vote.Id.ToString(CultureInfo.InvariantCulture));
            return 0;
        }
        catch (DomainException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<Scope?> ParseScopeAsync(PortalDb db, long compoundId, string text, CancellationToken ct)
    {
        text = text.Trim();
        if (text == "compound") return Scope.WholeCompound;
        if (text.StartsWith("building:", StringComparison.Ordinal))
        {
            var name = text["building:".Length..];
            var b = await db.Set<Building>().FirstOrDefaultAsync(x => x.CompoundId == compoundId && x.Name == name, ct);
            return b is null ? null : Scope.OfBuilding(b.Id);
        }
        if (text.StartsWith("entrance:", StringComparison.Ordinal) && text["entrance:".Length..].Split('/') is [var bn, var en])
        {
            var b = await db.Set<Building>().FirstOrDefaultAsync(x => x.CompoundId == compoundId && x.Name == bn, ct);
            var e = b is null ? null : await db.Set<Entrance>().FirstOrDefaultAsync(x => x.BuildingId == b.Id && x.Name == en, ct);
            return e is null ? null : Scope.OfEntrance(b!.Id, e.Id);
        }
        throw new OpsUsageException("--scope must be compound, building:B or entrance:B/E");
    }
}

public sealed class CompoundRulesCommand : IOpsCommand
{
    public string Name => "compound-rules";
    public string Arguments => "--compound CODE [--notice-days N] [--min-voting-days N] [--objection-days N] [--counting-days N] " +
                               "[--precedence online-prevails|latest-wins] [--hide-split-until-close true|false]";
    public string Summary => "set (when given) and print a compound's rules for votes (议事规则)";
    public IReadOnlyCollection<string> ValueOptions => ["compound", "notice-days", "min-voting-days", "objection-days", "counting-days", "precedence", "hide-split-until-close"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var code = Compound.NormaliseCode(args.Required("compound"));
        var changes = new SetCompoundRules.Changes(Days(args, "notice-days"), Days(args, "min-voting-days"), Days(args, "objection-days"),
            Days(args, "counting-days"),
            args.Optional("precedence") is not { } p ? null
                : ChannelPrecedences.TryParse(p, out var precedence) ? precedence
                : throw new OpsUsageException("--precedence must be online-prevails or latest-wins"),
            args.Optional("hide-split-until-close") is not { } h ? null
                : bool.TryParse(h, out var hide) ? hide : throw new OpsUsageException("--hide-split-until-close must be true or false"));

        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var compound = await db.Set<Compound>().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (compound is null)
        {
            stderr.WriteLine($"error: no compound {code}");
            return 1;
        }
        CompoundRules rules;
        if (changes == new SetCompoundRules.Changes())
            rules = await db.RulesOfAsync(compound.Id, ct);
        else
        {
            try
            {
                rules = await scope.ServiceProvider.GetRequiredService<SetCompoundRules>().RunAsync(compound.Id, changes, "ops", ct);
            }
            catch (DomainException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 1;
            }
        }
        var notice = rules.NoticeDays is { } n
            ? n.ToString(CultureInfo.InvariantCulture)
            : $"{rules.NoticeDaysFor(Scope.WholeCompound)} (compound), {rules.NoticeDaysFor(Scope.OfBuilding(0))} (building or entrance)";
        stdout.WriteLine($"compound {compound.Code}");
        stdout.WriteLine($"notice-days: {notice}");
        stdout.WriteLine($"min-voting-days: {rules.MinVotingDays}");
        stdout.WriteLine($"objection-days: {rules.ObjectionDays}");
        stdout.WriteLine($"counting-days: {rules.CountingDays}");
        stdout.WriteLine($"precedence: {rules.Precedence.Code()}");
        stdout.WriteLine($"hide-split-until-close: {(rules.HideSplitUntilClose ? "true" : "false")}");
        return 0;
    }

    private static int? Days(OpsArgs args, string name) =>
        args.Optional(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw new OpsUsageException($"--{name} must be a whole number of days");
}

public sealed class CloseVoteCommand : IOpsCommand
{
    public string Name => "close-vote";
    public string Arguments => "--vote ID";
    public string Summary => "close a vote whose closing time has passed, as the closing job does (exactly once; exit 1 if not yet due)";
    public IReadOnlyCollection<string> ValueOptions => ["vote"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var voteId = args.RequiredLong("vote");
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null)
        {
            stderr.WriteLine($"error: no vote {voteId}");
            return 1;
        }
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        if (vote.Status is VoteStatus.Draft or VoteStatus.Open && now < vote.ClosesAt)
        {
            stderr.WriteLine($"error: vote {voteId} is not due to close until {vote.ClosesAt:O}");
            return 1;
        }
        if (vote.Status == VoteStatus.Draft)
        {
            stderr.WriteLine($"error: vote {voteId} never opened");
            return 1;
        }
        if (vote.Status != VoteStatus.Open)
        {
            stdout.WriteLine($"vote {voteId} already closed ({vote.Status.ToString().ToLowerInvariant()}); nothing changed");
            return 0;
        }
        var closed = await scope.ServiceProvider.GetRequiredService<CloseVote>().RunAsync(voteId, ct);
        var status = await db.Set<Vote>().AsNoTracking().Where(v => v.Id == voteId).Select(v => v.Status).FirstAsync(ct);
        stdout.WriteLine(closed
            ? $"vote {voteId} closed; now {status.ToString().ToLowerInvariant()}"
            : $"vote {voteId} already closed ({status.ToString().ToLowerInvariant()}); nothing changed");
        return 0;
    }
}

public sealed class ImportBallotsCommand : IOpsCommand
{
    public string Name => "import-ballots";
    public string Arguments => "--vote ID --file PATH";
    public string Summary => "record paper ballots from CSV/.xlsx (building,entrance,room,choice; choice may be invalid/无效); a file with any error is refused";
    public IReadOnlyCollection<string> ValueOptions => ["vote", "file"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var voteId = args.RequiredLong("vote");
        var path = args.Required("file");
        if (!File.Exists(path)) throw new OpsUsageException($"no file {path}");
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == voteId, ct);
        if (vote is null)
        {
            stderr.WriteLine($"error: no vote {voteId}");
            return 1;
        }
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<VotesText>>();
        await using var file = File.OpenRead(path);
        var outcome = await scope.ServiceProvider.GetRequiredService<ImportBallots>().RunAsync(voteId, vote.CompoundId, file, path, "ops", ct);
        if (outcome.Errors.Count > 0)
        {
            foreach (var e in outcome.Errors) stderr.WriteLine(t["Import_Line", e.Line, t[e.Key, e.Args].Value].Value);
            stderr.WriteLine("error: file refused, nothing recorded");
            return 1;
        }
        stdout.WriteLine($"{outcome.Ballots.Count} ballots recorded");
        return 0;
    }
}

public sealed class TallyCommand : IOpsCommand
{
    public string Name => "tally";
    public string Arguments => "--vote ID [--json]";
    public string Summary => "print a vote's count (JSON with --json)";
    public IReadOnlyCollection<string> ValueOptions => ["vote"];
    public IReadOnlyCollection<string> FlagOptions => ["json"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var voteId = args.RequiredLong("vote");
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (!await db.Set<Vote>().AnyAsync(v => v.Id == voteId, ct))
        {
            stderr.WriteLine($"error: no vote {voteId}");
            return 1;
        }
        var json = scope.ServiceProvider.GetRequiredService<VoteTallyJson>();
        if (args.Flag("json"))
        {
            stdout.WriteLine(await json.RenderAsync(voteId, ct));
            return 0;
        }
        var tally = await json.BuildAsync(voteId, ct);
        stdout.WriteLine($"{tally.Title} ({tally.Status}, {tally.Scope})");
        foreach (var m in tally.Matters)
            stdout.WriteLine($"  {m.Title} [{m.Rule}] eligible {m.Eligible.Owners}/{m.Eligible.AreaM2} participated {m.Participated.Owners}/{m.Participated.AreaM2} " +
                             $"agree {m.Agree!.Owners}/{m.Agree.AreaM2} oppose {m.Oppose!.Owners}/{m.Oppose.AreaM2} abstain {m.Abstain!.Owners}/{m.Abstain.AreaM2} " +
                             $"invalid {m.Invalid!.Owners}/{m.Invalid.AreaM2} " +
                             $"quorum {(m.QuorumMet ? "met" : "not met")} {(m.Passed == true ? "PASSED" : "NOT PASSED")}");
        return 0;
    }
}

public sealed class VerifyAuditCommand : IOpsCommand
{
    public string Name => "verify-audit";
    public string Arguments => "--vote ID";
    public string Summary => "re-compute a vote's audit hash chain and its count from the log (exit 0 match, 1 mismatch)";
    public IReadOnlyCollection<string> ValueOptions => ["vote"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var voteId = args.RequiredLong("vote");
        await DatabaseSetup.MigrateAsync(services, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (!await db.Set<Vote>().AnyAsync(v => v.Id == voteId, ct))
        {
            stderr.WriteLine($"error: no vote {voteId}");
            return 1;
        }
        var result = await scope.ServiceProvider.GetRequiredService<VoteAuditLog>().VerifyAsync(voteId, ct);
        foreach (var p in result.Problems) stderr.WriteLine("mismatch: " + p);
        stdout.WriteLine($"{result.Entries} entries; chain {(result.ChainIntact ? "intact" : "BROKEN")}; tally {(result.TallyMatches ? "matches" : "DOES NOT MATCH")}");
        stdout.WriteLine(result.Ok ? "ok" : "mismatch");
        return result.Ok ? 0 : 1;
    }
}
