using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Web;

namespace Portal.Features.Votes;

public static class VotesSetup
{
    public static IServiceCollection AddVotes(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<VoteCounter>();
        services.AddScoped<VoteAuditLog>();
        services.AddScoped<VoteNotifications>();
        services.AddScoped<FrozenElectorate>();
        services.AddScoped<LinkedFeatures>();
        services.AddScoped<BallotWriter>();
        services.AddSingleton<CastCombiner>();
        services.AddScoped<CreateVote>();
        services.AddScoped<SetCompoundRules>();
        services.AddScoped<AnnounceVote>();
        services.AddScoped<OpenVote>();
        services.AddScoped<CastBallot>();
        services.AddMemoryCache().AddSingleton<OpenVotes>();
        services.AddScoped<RecordPaperBallot>();
        services.AddScoped<ImportBallots>();
        services.AddScoped<CloseVote>();
        services.AddScoped<RemindNonVoters>();
        services.AddScoped<FileObjection>();
        services.AddScoped<AnswerObjection>();
        services.AddScoped<PublishResult>();
        services.AddScoped<NameScrutineers>();
        services.AddScoped<SignOffCount>();
        services.AddScoped<CorrectCount>();
        services.AddScoped<IssueBallotPapers>();
        services.AddScoped<CorrectElectorate>();
        services.AddScoped<VoteJobs>();
        services.AddScoped<SweepDueVotes>();
        services.AddHostedService<VoteRecurringJobs>();
        services.AddScoped<VoteTallyJson>();
        services.AddScoped<Portal.Notifications.IAudienceResolver, NonVotersAudience>();
        return services;
    }

    /// <summary>GET /api/votes/{id}/tally for the compound's committee (401/403/404 as JSON).</summary>
    public static IEndpointRouteBuilder MapVotes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/votes/{id:long}/tally", async (long id, HttpContext http, PortalDb db, CompoundAccess access, VoteTallyJson json, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
                return ApiErrors.Unauthorized();
            var vote = await db.Set<Vote>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
            var compound = vote is null ? null : await db.Set<Compound>().AsNoTracking().FirstAsync(c => c.Id == vote.CompoundId, ct);
            if (vote is null || compound is null)
                return ApiErrors.NotFound();
            var membership = await access.MembershipAsync(http.User, compound, ct);
            if (!membership.Can(Capability.RunVotes))
                return ApiErrors.Forbidden();
            // While voting, the compound's rules may hide the agree/oppose split: the API then gives turnout only.
            return Results.Text(await json.RenderAsync(id, ct, turnoutOnlyIfHidden: true), "application/json");
        });
        return app;
    }
}

/// <summary>The tally as the API and `tally --json` give it: snake_case, areas in m² with two decimals, owners as integers.</summary>
public sealed class VoteTallyJson(PortalDb db, VoteCounter counter)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record Measure(long Owners, decimal AreaM2);
    public sealed record OptionJson(long OptionId, string Label, Measure Agree);
    public sealed record MatterJson(long MatterId, string Title, string Rule, Measure Eligible, Measure Participated, Measure? Agree,
        Measure? Oppose, Measure? Abstain, bool QuorumMet, bool? Passed, IReadOnlyList<OptionJson>? Options, long? LeadingOptionId, bool? Tied,
        Measure? Invalid, IReadOnlyDictionary<string, Measure>? ByChannel);
    public sealed record TallyJson(long VoteId, string Title, string Status, string Scope, IReadOnlyList<MatterJson> Matters, bool? SplitHidden = null);

    /// <summary>Whether the agree/oppose split is hidden now: the rules say so and voting has not closed.</summary>
    public static async Task<bool> HidesSplitAsync(PortalDb db, Vote vote, CancellationToken ct) =>
        vote.Status is VoteStatus.Draft or VoteStatus.Open && (await db.RulesOfAsync(vote.CompoundId, ct)).HideSplitUntilClose;

    public static Measure Of(Weight w) => new(w.Owners, w.AreaCents * 0.01m);

    /// <param name="turnoutOnlyIfHidden">For the API and pages: only turnout while the rules hide the split. The ops command always gets the full count.</param>
    public async Task<TallyJson> BuildAsync(long voteId, CancellationToken ct = default, bool turnoutOnlyIfHidden = false)
    {
        var vote = await db.Set<Vote>().AsNoTracking().FirstAsync(v => v.Id == voteId, ct);
        var hidden = turnoutOnlyIfHidden && await HidesSplitAsync(db, vote, ct);
        var results = await counter.TallyAsync(voteId, ct);
        var channels = await counter.ByChannelAsync(voteId, ct);
        var labels = await (from o in db.Set<MatterOption>() join m in db.Set<Matter>() on o.MatterId equals m.Id
                            where m.VoteId == voteId select new { o.Id, o.Label }).ToDictionaryAsync(o => o.Id, o => o.Label, ct);
        return new TallyJson(vote.Id, vote.Title, vote.Status.ToString().ToLowerInvariant(), await ScopeTextAsync(vote, ct),
            results.Select(r => new MatterJson(r.MatterId, r.Title, r.Rule.Code, Of(r.Eligible), Of(r.Participated), Of(r.Agree),
                Of(r.Oppose), Of(r.Abstain), r.QuorumMet, r.Passed,
                r.Options.Count == 0 ? null : r.Options.Select(o => new OptionJson(o.OptionId, labels.GetValueOrDefault(o.OptionId, ""), Of(o.Agree))).ToList(),
                r.LeadingOptionId, r.Options.Count == 0 ? null : r.OptionsTied, Of(r.Invalid),
                VoteCounter.ChannelCodes.ToDictionary(code => code, code => Of(channels.GetValueOrDefault((r.MatterId, code))))))
                .Select(m => hidden ? m with { Agree = null, Oppose = null, Abstain = null, Passed = null, Options = null, LeadingOptionId = null,
                    Tied = null, Invalid = null, ByChannel = null } : m).ToList(), hidden ? true : null);
    }

    public async Task<string> RenderAsync(long voteId, CancellationToken ct = default, bool turnoutOnlyIfHidden = false) =>
        JsonSerializer.Serialize(await BuildAsync(voteId, ct, turnoutOnlyIfHidden), Options);

    /// <summary>"compound", "building:3" or "entrance:3/2" (register names).</summary>
    public async Task<string> ScopeTextAsync(Vote vote, CancellationToken ct = default)
    {
        if (vote.ScopeKind == ScopeKind.Compound) return "compound";
        var building = await db.Set<Building>().Where(b => b.Id == vote.BuildingId).Select(b => b.Name).FirstAsync(ct);
        if (vote.ScopeKind == ScopeKind.Building) return "building:" + building;
        var entrance = await db.Set<Entrance>().Where(e => e.Id == vote.EntranceId).Select(e => e.Name).FirstAsync(ct);
        return $"entrance:{building}/{entrance}";
    }
}
