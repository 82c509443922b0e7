using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Register;

namespace Portal.Features.Accounts;

/// <summary>
/// What the portal holds about one account (PIPL): shown on 我的信息 and downloaded as JSON, the same data both ways.
/// Ballots are listed by vote and time, not by choice: the choice belongs to the household's ballot, not the account.
/// </summary>
public sealed record PersonalData(
    PersonalData.AccountPart Account,
    IReadOnlyList<PersonalData.FlatPart> Flats,
    IReadOnlyList<PersonalData.RolePart> Roles,
    IReadOnlyList<PersonalData.LinkRequestPart> LinkRequests,
    IReadOnlyList<PersonalData.BallotPart> Ballots,
    IReadOnlyList<PersonalData.PledgePart> Pledges,
    IReadOnlyList<PersonalData.ProposalPart> Proposals,
    IReadOnlyList<PersonalData.CommentPart> Comments,
    IReadOnlyList<PersonalData.AssistedSignUpPart> AssistedSignUps,
    IReadOnlyList<PersonalData.AcceptanceOpinionPart> AcceptanceOpinions)
{
    public sealed record AccountPart(string Id, string? Email, string? Phone, string DisplayName, DateTimeOffset CreatedAt,
        DateTimeOffset? PrivacyConsentAt, string PreferredCulture);
    /// <summary>
    /// A flat the account is linked to. The register's owner name and phone are left out: for a tenant or a family member
    /// they are another person's data, and an owner sees them on the flat's own page.
    /// </summary>
    public sealed record FlatPart(string Compound, string Flat, ResidentRelation Relation, DateTimeOffset LinkedAt);
    public sealed record RolePart(string Compound, CompoundRoleKind Kind, DateTimeOffset GrantedAt);
    public sealed record LinkRequestPart(string Compound, string Flat, ResidentRelation Relation, LinkRequestStatus Status, DateTimeOffset RequestedAt);
    public sealed record BallotPart(string Vote, int Version, BallotChannel Channel, DateTimeOffset CastAt);
    public sealed record PledgePart(string Campaign, long AmountFen, PledgeMethod Method, PledgeStatus Status, DateTimeOffset PledgedAt);
    public sealed record ProposalPart(string Title, ProposalStatus Status, DateTimeOffset CreatedAt);
    public sealed record CommentPart(string Proposal, string Body, DateTimeOffset CreatedAt);
    /// <summary>
    /// Someone registered this account for its owner (楼门长代办): who, in which role, how the owner agreed, when; the consent
    /// form's file, for the page's link (the download says only whether one is kept).
    /// </summary>
    /// <summary>An opinion given at a completed upgrade's acceptance (竣工验收) as a residents' representative.</summary>
    public sealed record AcceptanceOpinionPart(string Compound, string Upgrade, AcceptanceVerdict Verdict, string? Text, DateTimeOffset GivenAt,
        DateTimeOffset UpdatedAt);
    public sealed record AssistedSignUpPart(string Compound, string Flat, string AssistedBy, CompoundRoleKind? AssistedAs, AssistMethod Method,
        DateTimeOffset At, bool ConsentFormKept, [property: JsonIgnore] Guid? ConsentFileId = null);
}

public sealed class PersonalDataQuery(PortalDb db)
{
    public async Task<PersonalData?> ForAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) return null;
        var account = new PersonalData.AccountPart(user.Id, user.Email, user.PhoneNumber, user.DisplayName, user.CreatedAt,
            user.PrivacyConsentAt, user.PreferredCulture);

        var flats = await (from l in db.Set<ResidentLink>()
                           join c in db.Set<Compound>() on l.CompoundId equals c.Id
                           join f in db.NamedFlats() on l.FlatId equals f.Flat.Id
                           where l.UserId == userId && l.UnlinkedAt == null
                           orderby c.Name, l.Id
                           select new { Compound = c.Name, Flat = f, l.Relation, l.LinkedAt }).ToListAsync(ct);
        var roles = await (from r in db.Set<CompoundRole>()
                           join c in db.Set<Compound>() on r.CompoundId equals c.Id
                           where r.UserId == userId
                           orderby c.Name, r.Id
                           select new PersonalData.RolePart(c.Name, r.Kind, r.GrantedAt)).ToListAsync(ct);
        var requests = await (from r in db.Set<LinkRequest>()
                              join c in db.Set<Compound>() on r.CompoundId equals c.Id
                              join f in db.NamedFlats() on r.FlatId equals f.Flat.Id
                              where r.UserId == userId
                              orderby r.Id
                              select new { Compound = c.Name, Flat = f, r.Relation, r.Status, r.RequestedAt }).ToListAsync(ct);
        var ballots = await (from b in db.Set<BallotVersion>()
                             join v in db.Set<Vote>() on b.VoteId equals v.Id
                             where b.CastBy == userId
                             orderby b.Id
                             select new PersonalData.BallotPart(v.Title, b.Version, b.Channel, b.CastAt)).ToListAsync(ct);
        var pledges = await (from p in db.Set<Pledge>()
                             join c in db.Set<Campaign>() on p.CampaignId equals c.Id
                             join i in db.Set<PlanItem>() on c.PlanItemId equals i.Id
                             where p.UserId == userId
                             orderby p.Id
                             select new PersonalData.PledgePart(i.Title, p.AmountFen, p.Method, p.Status, p.PledgedAt)).ToListAsync(ct);
        var proposals = await db.Set<Proposal>().Where(p => p.AuthorId == userId).OrderBy(p => p.Id)
            .Select(p => new PersonalData.ProposalPart(p.Title, p.Status, p.CreatedAt)).ToListAsync(ct);
        var comments = await (from c in db.Set<ProposalComment>()
                              join p in db.Set<Proposal>() on c.ProposalId equals p.Id
                              where c.AuthorId == userId
                              orderby c.Id
                              select new PersonalData.CommentPart(p.Title, c.Body, c.CreatedAt)).ToListAsync(ct);
        // Comments on published plans (方案公示) are the resident's words too.
        comments.AddRange(await (from c in db.Set<Portal.Domain.Projects.PlanComment>()
                                 join i in db.Set<PlanItem>() on c.PlanItemId equals i.Id
                                 where c.AuthorId == userId
                                 orderby c.Id
                                 select new PersonalData.CommentPart(i.Title, c.Text, c.At)).ToListAsync(ct));

        var assisted = await (from a in db.Set<AssistedSignUp>()
                              join c in db.Set<Compound>() on a.CompoundId equals c.Id
                              join f in db.NamedFlats() on a.FlatId equals f.Flat.Id
                              join u in db.Users on a.AssistedByUserId equals u.Id
                              where a.OwnerUserId == userId
                              orderby a.Id
                              select new { Compound = c.Name, Flat = f, Helper = u.DisplayName, a.AssistedAs, a.Method, a.At, a.ConsentFileId }).ToListAsync(ct);

        var opinions = await (from o in db.Set<AcceptanceOpinion>()
                              join i in db.Set<PlanItem>() on o.PlanItemId equals i.Id
                              join c in db.Set<Compound>() on o.CompoundId equals c.Id
                              where o.UserId == userId
                              orderby o.Id
                              select new PersonalData.AcceptanceOpinionPart(c.Name, i.Title, o.Verdict, o.Text, o.GivenAt, o.UpdatedAt)).ToListAsync(ct);

        return new PersonalData(account,
            flats.Select(f => new PersonalData.FlatPart(f.Compound, f.Flat.Label, f.Relation, f.LinkedAt)).ToList(),
            roles,
            requests.Select(r => new PersonalData.LinkRequestPart(r.Compound, r.Flat.Label, r.Relation, r.Status, r.RequestedAt)).ToList(),
            ballots, pledges, proposals, comments,
            assisted.Select(a => new PersonalData.AssistedSignUpPart(a.Compound, a.Flat.Label, PhoneNumberRules.MaskIfPhone(a.Helper), a.AssistedAs,
                a.Method, a.At, a.ConsentFileId is not null, a.ConsentFileId)).ToList(),
            opinions);
    }
}
