using Microsoft.Extensions.Localization;
using Portal.Domain.Notices;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Notices;
using Portal.Features.Shared;

namespace Portal.Features.Votes;

/// <summary>
/// 表决公告: a new vote is announced to its electorate at once, as a notice to the compound, building or entrance, with
/// each matter, the rule that decides it, the rules of procedure that apply and the dates.
/// </summary>
public sealed class AnnounceVote(PublishNotice publish, IStringLocalizer<VotesText> t)
{
    public async Task<Notice> RunAsync(Vote vote, IReadOnlyList<Matter> matters, CompoundRules rules, string byUserId, CancellationToken ct = default,
        IReadOnlyList<Microsoft.AspNetCore.Http.IFormFile>? attachments = null, Portal.Domain.Projects.PlanVersion? plan = null)
    {
        var (reach, targets) = vote.Scope.Kind switch
        {
            ScopeKind.Building => (NoticeReach.Buildings, new[] { vote.BuildingId!.Value }),
            ScopeKind.Entrance => (NoticeReach.Entrances, new[] { vote.EntranceId!.Value }),
            _ => (NoticeReach.Compound, Array.Empty<long>()),
        };
        var title = t["Announce_Title", vote.Title].Value;
        if (title.Length > Notice.TitleMaxLength) title = title[..Notice.TitleMaxLength];
        var body = new System.Text.StringBuilder();
        body.AppendLine(t["Announce_Intro", DateTime(vote.OpensAt), DateTime(vote.ClosesAt)].Value).AppendLine();
        foreach (var m in matters)
        {
            body.AppendLine(t["Announce_Matter", m.Position, m.Title, t[m.RuleKind().TextKey].Value].Value);
            if (m.Body is { } full) body.AppendLine().AppendLine(full).AppendLine();
            if (plan is not null && m.PlanVersionId == plan.Id)
            {
                // Exactly the version the owners vote on: its number, publication and full text.
                body.AppendLine(t["Announce_Plan", plan.Number, Date(plan.PublishedAt), Date(plan.PublicationEndsAt), plan.ImplementingBody].Value).AppendLine()
                    .AppendLine(plan.Text).AppendLine();
            }
            if (m.Elevator) body.AppendLine(t["Announce_Elevator"].Value).AppendLine();
            if (m.OccupiedFlatIds().Count > 0) body.AppendLine(t[Plural.Key("Announce_Occupied", m.OccupiedFlatIds().Count), m.OccupiedFlatIds().Count].Value).AppendLine();
        }
        body.AppendLine()
            .AppendLine(t["Announce_Rules", rules.NoticeDaysFor(vote.Scope), rules.MinVotingDays, rules.CountingDays, rules.ObjectionDays].Value)
            .AppendLine()
            .AppendLine(t[VotePages.PrecedenceRuleKey(rules.Precedence)].Value);
        var draft = new NoticeDraft(title, body.ToString(), NoticeCategory.Vote, reach, targets, Pinned: true, RequiresAcknowledgement: false,
            PublishAt: null, ExpiresAt: vote.ClosesAt);
        return await publish.PublishAsync(vote.CompoundId, draft, attachments ?? [], byUserId, ct);
    }

    /// <summary>2026年12月2日 09:00 (Shanghai).</summary>
    public static string DateTime(DateTimeOffset utc) => $"{Date(utc)} {Shanghai.ToLocal(utc):HH:mm}";

    /// <summary>2026年12月2日 (Shanghai).</summary>
    public static string Date(DateTimeOffset utc)
    {
        var local = Shanghai.ToLocal(utc);
        return $"{local.Year}年{local.Month}月{local.Day}日";
    }
}
