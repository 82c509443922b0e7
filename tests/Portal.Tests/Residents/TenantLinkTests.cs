using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Residents;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Residents;

/// <summary>A tenant links as a tenant, and the owner of record approves or refuses from their flats page (issue 12).</summary>
public sealed class TenantLinkTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, TestCompound compound, string flat, ResidentRelation relation)
    {
        var parts = flat.Split('-');
        return await client.SubmitFormAsync("/residents/request", new Dictionary<string, string>
        {
            ["Input.Compound"] = compound.Code, ["Input.Building"] = parts[0], ["Input.Entrance"] = parts[1], ["Input.Room"] = parts[2],
            ["Input.Relation"] = relation.ToString(), ["Input.Note"] = "我租住在这里",
        }, "#request-form");
    }

    /// <summary>Posts a handler of /residents/flats as <paramref name="client"/> would, with its own antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFlatsAsync(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync("/residents/flats");
        fields["__RequestVerificationToken"] = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.PostAsync($"/residents/flats?handler={handler}", new FormUrlEncodedContent(fields), Ct);
    }

    private Task<LinkRequest> RequestOfAsync(string userId) =>
        Factory.WithDb(db => db.Set<LinkRequest>().AsNoTracking().SingleAsync(r => r.UserId == userId, Ct));

    [Fact]
    public async Task The_owner_is_told_of_a_tenants_request_approves_it_on_the_flats_page_and_the_tenant_gets_no_vote()
    {
        var compound = await Factory.CreateCompoundAsync("TEN" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var flat = compound.Flat("1-1-101");
        var (ownerId, owner) = await Factory.ResidentAsync(compound, flat);
        var (_, neighbour) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var tenant = await Factory.CreateUserAsync($"ten-{Guid.NewGuid():N}@example.com", name: "赵租户");
        var tenantClient = await Factory.SignedInClientAsync(tenant.Email!);

        Assert.Equal(HttpStatusCode.Redirect, (await AskAsync(tenantClient, compound, "1-1-101", ResidentRelation.Tenant)).StatusCode);
        var request = await RequestOfAsync(tenant.Id);
        Assert.Equal((LinkRequestStatus.Pending, ResidentRelation.Tenant), (request.Status, request.Relation));

        // The owner hears of it (inbox) and finds it on the home page's to-do list and on their flats page.
        var told = await Factory.WithDb(db => db.Set<NotificationEvent>().AsNoTracking()
            .Where(e => e.Kind == NotificationKind.TenantLinkRequested && e.CompoundId == compound.Id).ToListAsync(Ct));
        var notice = Assert.Single(told);
        Assert.Equal([ownerId], notice.Audience.UserIds!);
        Assert.Equal("/residents/flats", notice.Link);
        var home = await owner.GetDocumentAsync($"/c/{compound.Code}");
        Assert.NotNull(home.QuerySelector(".todo[data-kind='tenant-requests'] a[href='/residents/flats']"));
        var flats = await owner.GetDocumentAsync("/residents/flats");
        var card = flats.QuerySelector($".tenant-request[data-id='{request.Id}']");
        Assert.NotNull(card);
        Assert.Contains("赵租户", card!.TextContent);
        Assert.DoesNotContain(tenant.Email!, flats.DocumentElement.OuterHtml); // the owner sees the name, not the email

        // A neighbour cannot decide it: it is not their flat.
        var neighbourPage = await neighbour.GetDocumentAsync("/residents/flats");
        Assert.Null(neighbourPage.QuerySelector(".tenant-request"));
        var forged = await PostFlatsAsync(neighbour, "Approve", new() { ["RequestId"] = request.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(LinkRequestStatus.Pending, (await RequestOfAsync(tenant.Id)).Status);

        var approved = await owner.SubmitFormAsync(flats, new Dictionary<string, string>(), $".tenant-request[data-id='{request.Id}'] form",
            $".tenant-request[data-id='{request.Id}'] .approve-tenant");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        // Audited: the request records that the owner decided, and when; the committee's list shows who.
        var decided = await RequestOfAsync(tenant.Id);
        Assert.Equal((LinkRequestStatus.Approved, ownerId), (decided.Status, decided.DecidedBy));
        // A second click (or a co-owner a moment later) is told it is decided, and changes nothing.
        var again = await owner.SubmitFormAsync(flats, new Dictionary<string, string>(), $".tenant-request[data-id='{request.Id}'] form",
            $".tenant-request[data-id='{request.Id}'] .refuse-tenant");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("该申请已经处理过了", (await FormClient.ParseAsync(again)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(LinkRequestStatus.Approved, (await RequestOfAsync(tenant.Id)).Status);
        Assert.NotNull(decided.DecidedAt);
        var log = await committee.GetDocumentAsync($"/c/{compound.Code}/register/requests");
        Assert.Contains("处理人：", log.QuerySelector(".decided-request")!.TextContent);
        var link = await Factory.WithDb(db => db.Set<ResidentLink>().AsNoTracking().SingleAsync(l => l.UserId == tenant.Id, Ct));
        Assert.Equal((flat.Id, ResidentRelation.Tenant, $"request:{request.Id}"), (link.FlatId, link.Relation, link.LinkedBy));
        Assert.Contains(await Factory.WithDb(db => db.Set<NotificationEvent>().AsNoTracking()
            .Where(e => e.Kind == NotificationKind.LinkRequestDecided).Select(e => e.AudienceJson).ToListAsync(Ct)), a => a.Contains(tenant.Id));

        // The tenant never casts the owner's ballot.
        await Factory.WithDb(async db =>
        {
            Assert.False(await Portal.Features.Residents.VotingRepresentatives.MayVoteForAsync(db, flat.OwnerOfRecordId, tenant.Id, Ct));
            Assert.DoesNotContain(tenant.Id, await Portal.Features.Residents.VotingRepresentatives.VotingAccountsOfAsync(db, flat.OwnerOfRecordId, Ct));
        });
        var tenantFlats = await tenantClient.GetDocumentAsync("/residents/flats");
        Assert.Contains("租户", tenantFlats.QuerySelector("#my-flat-list")!.TextContent);
        Assert.Null(tenantFlats.QuerySelector(".household"));
    }

    [Fact]
    public async Task Refusing_needs_a_reason_and_keeps_the_request_until_one_is_given()
    {
        var compound = await Factory.CreateCompoundAsync("TER" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, owner) = await Factory.ResidentAsync(compound, compound.Flats[0]);
        var family = await Factory.CreateUserAsync($"fam-{Guid.NewGuid():N}@example.com");
        await AskAsync(await Factory.SignedInClientAsync(family.Email!), compound, "1-1-101", ResidentRelation.Family);
        var request = await RequestOfAsync(family.Id);

        var flats = await owner.GetDocumentAsync("/residents/flats");
        var noReason = await owner.SubmitFormAsync(flats, new Dictionary<string, string>(), $".tenant-request[data-id='{request.Id}'] form",
            $".tenant-request[data-id='{request.Id}'] .refuse-tenant");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var page = await FormClient.ParseAsync(noReason);
        Assert.Contains("拒绝申请时请填写说明", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector($".tenant-request[data-id='{request.Id}']"));
        Assert.Equal(LinkRequestStatus.Pending, (await RequestOfAsync(family.Id)).Status);

        var refused = await owner.SubmitFormAsync(page, new Dictionary<string, string> { ["Reason"] = "不认识此人" },
            $".tenant-request[data-id='{request.Id}'] form", $".tenant-request[data-id='{request.Id}'] .refuse-tenant");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await RequestOfAsync(family.Id);
        Assert.Equal((LinkRequestStatus.Rejected, "不认识此人"), (after.Status, after.DecisionReason));
        Assert.False(await Factory.WithDb(db => db.Set<ResidentLink>().AnyAsync(l => l.UserId == family.Id, Ct)));
    }

    [Fact]
    public async Task Someone_asking_to_be_owner_waits_for_the_committee_and_the_owner_cannot_approve_it()
    {
        var compound = await Factory.CreateCompoundAsync("TEO" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, owner) = await Factory.ResidentAsync(compound, compound.Flats[0]);
        var claimant = await Factory.CreateUserAsync($"own-{Guid.NewGuid():N}@example.com");
        await AskAsync(await Factory.SignedInClientAsync(claimant.Email!), compound, "1-1-101", ResidentRelation.CoOwner);
        var request = await RequestOfAsync(claimant.Id);

        Assert.False(await Factory.WithDb(db => db.Set<NotificationEvent>().AnyAsync(e => e.Kind == NotificationKind.TenantLinkRequested && e.CompoundId == compound.Id, Ct)));
        var flats = await owner.GetDocumentAsync("/residents/flats");
        Assert.Null(flats.QuerySelector(".tenant-request"));
        var forged = await PostFlatsAsync(owner, "Approve", new() { ["RequestId"] = request.Id.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(LinkRequestStatus.Pending, (await RequestOfAsync(claimant.Id)).Status);
    }
}
