using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>The committee sets the compound's rules for votes (议事规则); every change is logged with who made it.</summary>
public sealed class SetCompoundRules(PortalDb db, TimeProvider clock, ILogger<SetCompoundRules> log)
{
    public sealed record Changes(int? NoticeDays = null, int? MinVotingDays = null, int? ObjectionDays = null, int? CountingDays = null,
        ChannelPrecedence? Precedence = null, bool? HideSplitUntilClose = null, bool DefaultNoticeDays = false);

    public async Task<CompoundRules> RunAsync(long compoundId, Changes changes, string byUserId, CancellationToken ct = default)
    {
        var rules = await db.Set<CompoundRules>().FirstOrDefaultAsync(r => r.CompoundId == compoundId, ct);
        if (rules is null)
        {
            rules = CompoundRules.Defaults(compoundId);
            db.Add(rules);
        }
        if (changes.DefaultNoticeDays) rules.UseDefaultNotice();
        rules.Change(changes.NoticeDays, changes.MinVotingDays, changes.ObjectionDays, changes.CountingDays, changes.Precedence,
            changes.HideSplitUntilClose, byUserId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        log.LogInformation("Compound {CompoundId} vote rules set by {User}: notice {Notice}, voting {Voting}, objection {Objection}, counting {Counting}, {Precedence}, hide split {Hide}",
            compoundId, byUserId, rules.NoticeDays?.ToString() ?? "default", rules.MinVotingDays, rules.ObjectionDays, rules.CountingDays,
            rules.Precedence.Code(), rules.HideSplitUntilClose);
        return rules;
    }
}

public static class CompoundRulesLookup
{
    /// <summary>The compound's rules, or the defaults if the committee has not set any (untracked).</summary>
    public static async Task<CompoundRules> RulesOfAsync(this PortalDb db, long compoundId, CancellationToken ct = default) =>
        await db.Set<CompoundRules>().AsNoTracking().FirstOrDefaultAsync(r => r.CompoundId == compoundId, ct)
        ?? CompoundRules.Defaults(compoundId);
}
