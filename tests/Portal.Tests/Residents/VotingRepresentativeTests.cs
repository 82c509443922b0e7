using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Residents;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;
using Portal.Tests.Votes;

namespace Portal.Tests.Residents;

public sealed class VotingRepresentativeTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_first_linked_owner_account_casts_for_co_owners_and_a_tenant_never_does()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("REP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "代表", new CivilCodeOrdinary(), Scope.WholeCompound);
        var flat = c.Flat("1-1-101");
        var first = await Factory.CreateUserAsync($"rep-1-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(first.Id, c, flat);
        var co = await Factory.CreateUserAsync($"rep-2-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var tenant = await Factory.CreateUserAsync($"rep-t-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(tenant.Id, c, flat, ResidentRelation.Tenant);

        await Factory.WithDb(async db =>
        {
            Assert.True(await db.MayVoteForAsync(flat.OwnerOfRecordId, first.Id, Ct));
            Assert.False(await db.MayVoteForAsync(flat.OwnerOfRecordId, co.Id, Ct));
            Assert.False(await db.MayVoteForAsync(flat.OwnerOfRecordId, tenant.Id, Ct));
            Assert.Equal([first.Id, co.Id], await db.VotingAccountsOfAsync(flat.OwnerOfRecordId, Ct));
        });

        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        var refused = await Assert.ThrowsAsync<DomainException>(() => Factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, co.Id, flat.OwnerOfRecordId, [new MatterChoice(matter, Choice.Agree)], Ct)));
        Assert.Equal("ballot.not_representative", refused.Code);
        var tenantRefused = await Assert.ThrowsAsync<DomainException>(() => Factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, tenant.Id, flat.OwnerOfRecordId, [new MatterChoice(matter, Choice.Agree)], Ct)));
        Assert.Equal("ballot.not_your_flat", tenantRefused.Code);
        Assert.Equal(0, (await Factory.TallyAsync(vote.Id)).Single().Participated.Owners);

        await Factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, first.Id, flat.OwnerOfRecordId, [new MatterChoice(matter, Choice.Agree)], Ct));
        Assert.Equal(1, (await Factory.TallyAsync(vote.Id)).Single().Participated.Owners);
    }

    [Fact]
    public async Task The_committee_records_the_co_owners_choice_and_only_that_co_owner_may_vote()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("DSG"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var flat = c.Flat("1-1-101");
        var first = await Factory.CreateUserAsync($"dsg-1-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(first.Id, c, flat);
        var co = await Factory.CreateUserAsync($"dsg-2-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);

        var page = await committee.GetDocumentAsync($"/c/{c.Code}/register/residents");
        var coLink = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ResidentLink>(), l => l.UserId == co.Id, Ct));
        Assert.Single(page.QuerySelectorAll(".representative"));
        var designated = await committee.SubmitFormAsync(page, new Dictionary<string, string>(), $".resident-link[data-id='{coLink.Id}'] .representative-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, designated.StatusCode);

        await Factory.WithDb(async db =>
        {
            Assert.True(await db.MayVoteForAsync(flat.OwnerOfRecordId, co.Id, Ct));
            Assert.False(await db.MayVoteForAsync(flat.OwnerOfRecordId, first.Id, Ct));
        });
        var after = await committee.GetDocumentAsync($"/c/{c.Code}/register/residents");
        Assert.NotNull(after.QuerySelector($".resident-link[data-id='{coLink.Id}'] .representative"));
    }

    [Fact]
    public async Task Co_owners_hand_the_vote_over_among_themselves_the_change_is_audited_and_the_other_sees_why_they_cannot_cast()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("HND"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "加装电梯", new CivilCodeOrdinary(), Scope.WholeCompound);
        var flat = c.Flat("1-1-101");
        var firstEmail = $"hnd-1-{Guid.NewGuid():N}@example.com";
        var first = await Factory.CreateUserAsync(firstEmail, name: "王秀英");
        await Factory.LinkAsync(first.Id, c, flat);
        var firstClient = await Factory.SignedInClientAsync(firstEmail);
        var (coId, co) = await Factory.ResidentAsync(c, flat, ResidentRelation.CoOwner);
        var coLink = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ResidentLink>(), l => l.UserId == coId, Ct));
        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        var votePage = $"/c/{c.Code}/votes/{vote.Id}";

        // The co-owner sees the household's ballot section, told who casts, and no form.
        var coView = await co.GetDocumentAsync(votePage);
        Assert.Contains("王秀英", coView.QuerySelector($"[data-owner='{flat.OwnerOfRecordId}'] .not-representative")!.TextContent);
        Assert.Null(coView.QuerySelector(".ballot-form"));
        // Posting anyway is refused with the reason, and counts nothing.
        var token = coView.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var forced = await co.PostAsync($"{votePage}?handler=Cast", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["OwnerId"] = flat.OwnerOfRecordId.ToString(), [$"Choice[{matter}]"] = "agree",
        }), Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("只有投票代表可以在线投票", (await FormClient.ParseAsync(forced)).QuerySelector("#ballot-error")!.TextContent);
        Assert.Equal(0, (await Factory.TallyAsync(vote.Id)).Single().Participated.Owners);

        // Nor can the co-owner take the vote over: only the representative hands it on.
        var coFlats = await co.GetDocumentAsync("/residents/flats");
        Assert.Null(coFlats.QuerySelector(".hand-over-form"));
        Assert.NotNull(coFlats.QuerySelector(".household .not-representative"));
        var grab = await TenantLinkTests.PostFlatsAsync(co, "Representative", new() { ["LinkId"] = coLink.Id.ToString() });
        Assert.Equal(System.Net.HttpStatusCode.OK, grab.StatusCode);
        Assert.Contains("只有现任投票代表可以更换投票代表", (await FormClient.ParseAsync(grab)).QuerySelector("[role=alert]")!.TextContent);

        // The representative casts; the co-owner is told.
        var firstView = await firstClient.GetDocumentAsync(votePage);
        var cast = await firstClient.SubmitFormAsync(firstView, new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, cast.StatusCode);
        var told = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<Portal.Notifications.NotificationEvent>().Where(e => e.Kind == Portal.Notifications.NotificationKind.CoOwnerBallotCast && e.CompoundId == c.Id), Ct));
        Assert.Equal([coId], Assert.Single(told).Audience.UserIds!);
        Assert.Contains("同意", (await co.GetDocumentAsync(votePage)).QuerySelector("#my-choices")!.TextContent);

        // ... and hands the vote over on their flats page; the open vote's audit logs it.
        var firstFlats = await firstClient.GetDocumentAsync("/residents/flats");
        var handed = await firstClient.SubmitFormAsync(firstFlats, new Dictionary<string, string>(), $".household-account[data-link='{coLink.Id}'] .hand-over-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, handed.StatusCode);
        var entry = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<VoteAuditEntry>(), e => e.VoteId == vote.Id && e.Action == AuditActions.RepresentativeChanged, Ct));
        var payload = System.Text.Json.JsonDocument.Parse(entry.PayloadJson).RootElement;
        Assert.Equal((first.Id, coId, "owner", flat.OwnerOfRecordId), (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString(),
            payload.GetProperty("by").GetString(), payload.GetProperty("owner").GetInt64()));
        Assert.Equal(first.Id, entry.Actor);
        Assert.True((await Factory.VerifyAsync(vote.Id)).Ok);

        // Now the co-owner casts (changing the household's one ballot) and the first owner is the one told why not.
        Assert.NotNull((await firstClient.GetDocumentAsync(votePage)).QuerySelector(".not-representative"));
        var coNow = await co.GetDocumentAsync(votePage);
        var changed = await co.SubmitFormAsync(coNow, new Dictionary<string, string> { [$"Choice[{matter}]"] = "oppose" }, ".ballot-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, changed.StatusCode);
        var tally = (await Factory.TallyAsync(vote.Id)).Single();
        Assert.Equal((1, 0, 1), (tally.Participated.Owners, tally.Agree.Owners, tally.Oppose.Owners));
    }

    [Fact]
    public async Task On_postgres_a_hand_over_while_other_ballots_arrive_is_logged_once_and_the_audit_chain_stays_whole()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var factory = new VotesFactory();
        factory.OnPostgres(database.ConnectionString);
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("PGR"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.WholeCompound);
        var flat = c.Flat("1-1-101");
        var first = await factory.CreateUserAsync($"pgr-1-{Guid.NewGuid():N}@example.com");
        await factory.LinkAsync(first.Id, c, flat);
        var co = await factory.CreateUserAsync($"pgr-2-{Guid.NewGuid():N}@example.com");
        await factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var coLink = await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ResidentLink>(), l => l.UserId == co.Id, Ct));

        var handOvers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => factory.Scoped(async sp =>
        {
            try { return await sp.GetRequiredService<HandOverRepresentative>().HandOverAsync(first.Id, coLink.Id, Ct); }
            catch (DomainException e) when (e.Code == "representative.not_yours") { return false; } // the co-owner holds it already
        })));
        var papers = new[] { "1-1-102", "1-1-201", "1-1-202" }.Select(l => Task.Run(() => factory.RecordAsync(vote.Id, c, c.Flat(l).Id, Choice.Agree)));
        await Task.WhenAll([.. handOvers, .. papers]);

        Assert.True(await factory.WithDb(db => db.MayVoteForAsync(flat.OwnerOfRecordId, co.Id, Ct)));
        Assert.Equal(1, await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<VoteAuditEntry>(), e => e.VoteId == vote.Id && e.Action == AuditActions.RepresentativeChanged, Ct)));
        var verified = await factory.VerifyAsync(vote.Id);
        Assert.True(verified.Ok, string.Join("; ", verified.Problems));
    }

    [Fact]
    public async Task When_the_committee_unlinks_the_representative_the_next_co_owner_takes_over_and_the_open_vote_logs_it()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("UNL"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "选聘物业服务企业", new CivilCodeOrdinary(), Scope.WholeCompound);
        var flat = c.Flat("1-1-101");
        var first = await Factory.CreateUserAsync($"unl-1-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(first.Id, c, flat);
        var co = await Factory.CreateUserAsync($"unl-2-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var (committeeId, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var firstLink = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<ResidentLink>(), l => l.UserId == first.Id, Ct));

        var page = await committee.GetDocumentAsync($"/c/{c.Code}/register/residents");
        var unlinked = await committee.SubmitFormAsync(page, new Dictionary<string, string> { ["Reason"] = "房屋已出售" },
            $".resident-link[data-id='{firstLink.Id}'] form[action*='Unlink'], .resident-link[data-id='{firstLink.Id}'] form:last-of-type");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, unlinked.StatusCode);

        Assert.True(await Factory.WithDb(db => db.MayVoteForAsync(flat.OwnerOfRecordId, co.Id, Ct)));
        var entry = await Factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<VoteAuditEntry>(), e => e.VoteId == vote.Id && e.Action == AuditActions.RepresentativeChanged, Ct));
        var payload = System.Text.Json.JsonDocument.Parse(entry.PayloadJson).RootElement;
        Assert.Equal((first.Id, co.Id, "unlink"), (payload.GetProperty("from").GetString(), payload.GetProperty("to").GetString(), payload.GetProperty("by").GetString()));
        Assert.Equal(committeeId, entry.Actor);
        Assert.True((await Factory.VerifyAsync(vote.Id)).Ok);
    }
}
