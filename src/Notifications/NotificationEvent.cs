using System.Text.Json;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

namespace Portal.Notifications;

/// <summary>The kinds of things residents, committees and managers hear about. Preferences are kept per kind.</summary>
public enum NotificationKind
{
    NoticePublished = 0,
    VoteOpened = 1,
    VoteReminder = 2,
    VotePreliminaryResult = 3,
    VoteFinalResult = 4,
    BallotReceipt = 5,
    ProposalThresholdReached = 6,
    ProposalStatusChanged = 7,
    CampaignOpened = 8,
    CampaignGoalReached = 9,
    CampaignSucceeded = 10,
    CampaignFailed = 11,
    PledgeCharged = 12,
    PledgeFailed = 13,
    PledgeRefunded = 14,
    ConstructionUpdate = 15,
    LinkRequestDecided = 16,
    ProblemReportAnswered = 17,
    SurveyOpened = 18,
    ObjectionFiled = 19,
    ObjectionAnswered = 20,
    /// <summary>A reminder to confirm a notice that asks for acknowledgement.</summary>
    NoticeReminder = 21,
    /// <summary>Under latest-wins, a committee-entered ballot replaced the owner's online ballot.</summary>
    VoteBallotReplaced = 22,
    /// <summary>A vote's counting window ended: its scrutineers are asked to sign off the count.</summary>
    VoteCountToSign = 23,
    /// <summary>A tenant or family member asked to be linked to a flat: its owners may approve or refuse.</summary>
    TenantLinkRequested = 24,
    /// <summary>The voting representative of an owner of record cast or changed its ballot: the co-owners are told.</summary>
    CoOwnerBallotCast = 25,
    /// <summary>A consultation (意愿征询 / 方案征询) opened for the residents in its scope.</summary>
    ConsultationOpened = 26,
    /// <summary>A reminder to households that have not answered a consultation.</summary>
    ConsultationReminder = 27,
    /// <summary>A building lead (or a register keeper) registered this owner for them: the owner is told.</summary>
    AssistedSignUp = 28,
    /// <summary>A new version of a plan was published: those who commented on an earlier version are told what changed.</summary>
    PlanVersionPublished = 29,
    /// <summary>The convener answered a resident's comment on a published plan.</summary>
    PlanCommentAnswered = 30,
}

/// <summary>Who an event is for. Resolved to accounts when the fan-out job runs, not when the event is raised.</summary>
public sealed record Audience(
    AudienceKind Kind,
    IReadOnlyList<string>? UserIds = null,
    ScopeKind ScopeKind = ScopeKind.Compound,
    long? BuildingId = null,
    long? EntranceId = null,
    CompoundRoleKind? Role = null,
    long? VoteId = null,
    long? NoticeId = null)
{
    public static Audience Users(params string[] userIds) => new(AudienceKind.Users, UserIds: userIds);
    /// <summary>Every account linked to a flat in scope (owners, co-owners, tenants, family).</summary>
    public static Audience ResidentsIn(Scope scope) => new(AudienceKind.Residents, ScopeKind: scope.Kind, BuildingId: scope.BuildingId, EntranceId: scope.EntranceId);
    /// <summary>Accounts linked as owner or co-owner to a flat in scope.</summary>
    public static Audience OwnersIn(Scope scope) => new(AudienceKind.Owners, ScopeKind: scope.Kind, BuildingId: scope.BuildingId, EntranceId: scope.EntranceId);
    /// <summary>Everyone holding a role in the compound (committee members, say).</summary>
    public static Audience WithRole(CompoundRoleKind role) => new(AudienceKind.Role, Role: role);
    /// <summary>Owners in a vote's frozen electorate who have not voted yet.</summary>
    public static Audience NonVoters(long voteId) => new(AudienceKind.NonVoters, VoteId: voteId);
    /// <summary>Residents of the flats a notice is addressed to.</summary>
    public static Audience NoticeReaders(long noticeId) => new(AudienceKind.NoticeReaders, NoticeId: noticeId);
    /// <summary>Residents of flats in a notice's scope that have not confirmed it.</summary>
    public static Audience NoticeNotAcknowledged(long noticeId) => new(AudienceKind.NoticeNotAcknowledged, NoticeId: noticeId);
}

public enum AudienceKind { Users, Residents, Owners, Role, NonVoters, NoticeReaders, NoticeNotAcknowledged }

/// <summary>
/// Something happened that people should hear about. Raised by features through <see cref="INotifier"/>; written to
/// the database with the change that caused it, then fanned out to inboxes and email by a background job.
/// </summary>
public class NotificationEvent
{
    private NotificationEvent() { }

    public NotificationEvent(NotificationKind kind, long? compoundId, Audience audience, string link, IReadOnlyDictionary<string, string> values, DateTimeOffset raisedAt)
    {
        Kind = kind;
        CompoundId = compoundId;
        AudienceJson = JsonSerializer.Serialize(audience);
        Link = link;
        ValuesJson = JsonSerializer.Serialize(values);
        RaisedAt = raisedAt;
    }

    public long Id { get; private set; }
    public NotificationKind Kind { get; private set; }
    public long? CompoundId { get; private set; }
    public string AudienceJson { get; private set; } = "";
    /// <summary>Where the notification leads, a local path such as /c/XFHY/votes/12.</summary>
    public string Link { get; private set; } = "";
    /// <summary>Values for the message templates (title, closing time, amount...).</summary>
    public string ValuesJson { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? FannedOutAt { get; private set; }

    public Audience Audience => JsonSerializer.Deserialize<Audience>(AudienceJson)!;
    public IReadOnlyDictionary<string, string> Values => JsonSerializer.Deserialize<Dictionary<string, string>>(ValuesJson)!;

    public void MarkFannedOut(DateTimeOffset at) => FannedOutAt ??= at;
}

/// <summary>How features raise events. Call it before SaveChanges so the event is stored with the change.</summary>
public interface INotifier
{
    /// <summary>Adds the event to the unit of work; after SaveChanges a fan-out job delivers it.</summary>
    NotificationEvent Raise(NotificationKind kind, long? compoundId, Audience audience, string link, IReadOnlyDictionary<string, string> values);
}
