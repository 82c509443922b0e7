using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Notifications;
using Portal.Features.Votes;
using Portal.Pages.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Casting, changing, recording and importing ballots through the real app and database.</summary>
public sealed class BallotTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;

    [Fact]
    public async Task Owner_casts_online_gets_a_receipt_shown_and_emailed_and_can_change_until_closing()
    {
        await using var factory = new VotesFactory { DroppedJobs = { typeof(FanOutJob) } }; // the test delivers the notifications itself
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("BAL"), buildings: 1, entrances: 1, floors: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id));
        var flat = c.Flat("1-1-101");
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var (userId, client) = await factory.ResidentAsync(c, flat, email: email);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        var url = $"/c/{c.Code}/votes/{vote.Id}";

        var first = await client.SubmitFormAsync(url, new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var page = await client.GetDocumentAsync(url);
        var receipt = page.QuerySelector("#receipt-code")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{10}$", receipt);
        Assert.Null((await client.GetDocumentAsync(url)).QuerySelector("#receipt-code")); // shown once

        var receiptEvent = (await factory.WithDb(db => db.Set<NotificationEvent>().AsNoTracking()
            .Where(e => e.Kind == NotificationKind.BallotReceipt).ToListAsync())).Single();
        Assert.Equal(receipt, receiptEvent.Values["receipt"]);
        Assert.Equal(new[] { userId }, receiptEvent.Audience.UserIds!);
        var mails = await DeliverEverythingAsync(factory, email);
        var mail = Assert.Single(mails, m => m.TextBody.Contains(receipt) || m.Subject.Contains(receipt)); // one receipt email, not two
        Assert.Equal($"notify.{NotificationKind.BallotReceipt}", mail.Kind);
        Assert.Equal("投票回执：加装电梯", mail.Subject);

        await client.SubmitFormAsync(url, new Dictionary<string, string> { [$"Choice[{matter}]"] = "oppose" }, ".ballot-form");
        var after = await client.GetDocumentAsync(url);
        Assert.Equal("反对", after.QuerySelector(".my-choice")!.TextContent.Trim());

        var (current, versions) = await factory.WithDb(async db => (
            await db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id).ToListAsync(),
            await db.Set<BallotVersion>().Where(b => b.VoteId == vote.Id).OrderBy(b => b.Version).ToListAsync()));
        Assert.Single(current);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(2, current[0].Version);
        var tally = (await factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(new Weight(1, 5_000), tally.Oppose);
        Assert.Equal(Weight.Zero, tally.Agree);
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task One_online_ballot_sends_exactly_one_receipt_email_in_the_owners_language()
    {
        await using var factory = new VotesFactory { DroppedJobs = { typeof(FanOutJob) } };
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RCP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "楼道改造", new CivilCodeOrdinary(), Scope.WholeCompound);
        var email = $"english-{Guid.NewGuid():N}@example.com";
        var (userId, client) = await factory.ResidentAsync(c, c.Flat("1-1-101"), email: email);
        await factory.WithDb(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "en")));
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        // The request itself is in Chinese (no culture cookie): the receipt still follows the owner's own language.
        var cast = await client.SubmitFormAsync($"/c/{c.Code}/votes/{vote.Id}", new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form");
        Assert.Equal(HttpStatusCode.Redirect, cast.StatusCode);
        var receipt = await factory.WithDb(db => db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id).Select(b => b.ReceiptCode).SingleAsync());

        var mails = await DeliverEverythingAsync(factory, email);
        var receipts = mails.Where(m => m.TextBody.Contains(receipt) || m.Subject.Contains(receipt) || m.Kind.Contains("receipt", StringComparison.OrdinalIgnoreCase)).ToList();
        var mail = Assert.Single(receipts);
        Assert.Equal("Ballot receipt: 楼道改造", mail.Subject);
        Assert.Contains($"receipt code: {receipt}", mail.TextBody);
    }

    /// <summary>Fans out every stored notification (as the jobs would) and returns all email to <paramref name="to"/>.</summary>
    private static async Task<List<Portal.Notifications.Email.EmailMessage>> DeliverEverythingAsync(VotesFactory factory, string to)
    {
        var events = await factory.WithDb(db => db.Set<NotificationEvent>().Select(e => e.Id).ToListAsync());
        foreach (var id in events)
            await factory.Scoped(sp => sp.GetRequiredService<FanOutJob>().RunAsync(id, CancellationToken.None));
        return await factory.MessagesToAsync(to);
    }

    [Fact]
    public async Task Tenants_and_owners_outside_the_scope_cannot_vote()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("SCO"), buildings: 2, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "1号楼加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id));
        var (_, tenant) = await Factory.ResidentAsync(c, c.Flat("1-1-101"), ResidentRelation.Tenant);
        var page = await tenant.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}");
        Assert.Null(page.QuerySelector(".ballot-form"));

        var (outsiderId, outsider) = await Factory.ResidentAsync(c, c.Flat("2-1-101"));
        var outsiderPage = await outsider.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}");
        Assert.Null(outsiderPage.QuerySelector(".ballot-form"));
        Assert.NotNull(outsiderPage.QuerySelector("#not-in-electorate"));
        var owner = c.Flat("1-1-101").OwnerOfRecordId;
        var error = await Assert.ThrowsAsync<DomainException>(() => Factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, outsiderId, owner, [new MatterChoice(0, Choice.Agree)])));
        Assert.Equal("ballot.not_your_flat", error.Code);
    }

    [Fact]
    public async Task Many_parallel_submissions_for_one_owner_leave_exactly_one_current_ballot()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("PAR"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await Factory.CreateVoteAsync(c, "并发", new CivilCodeOrdinary(), Scope.WholeCompound);
        var flat = c.Flat("1-1-101");
        var user = await Factory.CreateUserAsync($"par-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(user.Id, c, flat);
        var co = await Factory.CreateUserAsync($"par-co-{Guid.NewGuid():N}@example.com");
        await Factory.LinkAsync(co.Id, c, flat, ResidentRelation.CoOwner);
        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;

        const int submissions = 24;
        var receipts = await Task.WhenAll(Enumerable.Range(0, submissions).Select(i => Task.Run(() => Factory.Scoped(sp =>
            sp.GetRequiredService<CastBallot>().RunAsync(vote.Id, c.Id, user.Id, flat.OwnerOfRecordId,
                [new MatterChoice(matter, (Choice)(i % 3))], TestContext.Current.CancellationToken)))));

        var (current, versions, choices) = await Factory.WithDb(async db => (
            await db.Set<CurrentBallot>().Where(b => b.VoteId == vote.Id).ToListAsync(),
            await db.Set<BallotVersion>().Where(b => b.VoteId == vote.Id).ToListAsync(),
            await db.Set<CurrentChoice>().Where(b => b.VoteId == vote.Id).ToListAsync()));
        Assert.Single(current);
        Assert.Single(choices);
        Assert.Equal(submissions, versions.Count);
        Assert.Equal(Enumerable.Range(1, submissions), versions.Select(v => v.Version).Order());
        Assert.Equal(submissions, current[0].Version);
        var last = versions.Single(v => v.Version == submissions);
        Assert.Equal(last.ReceiptCode, current[0].ReceiptCode);
        Assert.Contains(receipts, r => r.ReceiptCode == last.ReceiptCode);
        Assert.Equal(submissions, receipts.Select(r => r.ReceiptCode).Distinct().Count());
        Assert.Equal(1, (await Factory.TallyAsync(vote.Id)).Single().Participated.Owners);
        Assert.True((await Factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task The_database_refuses_a_second_current_ballot_for_one_owner()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("UNQ"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "唯一", new CivilCodeOrdinary(), Scope.WholeCompound);
        var owner = c.Flat("1-1-101").OwnerOfRecordId;
        await Assert.ThrowsAsync<DbUpdateException>(() => Factory.WithDb(async db =>
        {
            db.Add(new CurrentBallot(vote.Id, owner, 1, "AAAAAAAAAA", 1, DateTimeOffset.UtcNow));
            db.Add(new CurrentBallot(vote.Id, owner, 1, "BBBBBBBBBB", 2, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Committee_records_paper_and_assisted_ballots_with_their_details()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("PAP"), buildings: 1, entrances: 2, floors: 1, flatsPerFloor: 1);
        var vote = await Factory.CreateVoteAsync(c, "纸质票", new CivilCodeOrdinary(), Scope.OfEntrance(c.Building("1").Id, c.Entrance("1", "1").Id));
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        var url = $"/c/{c.Code}/votes/{vote.Id}/paper";
        var flat = c.Flat("1-1-101");

        var missing = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.FlatId"] = flat.Id.ToString(), [$"Choice[{matter}]"] = "agree", ["Input.Channel"] = "Assisted", ["Input.PaperDate"] = "2026-12-01",
        }, "#paper-form");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("授权书编号", (await FormClient.ParseAsync(missing)).QuerySelector("#paper-errors")!.TextContent);

        var ok = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.FlatId"] = flat.Id.ToString(), [$"Choice[{matter}]"] = "agree", ["Input.Channel"] = "Assisted", ["Input.PaperDate"] = "2026-12-01",
            ["Input.Reason"] = "视力不便，由女儿代填", ["Input.AuthorisationReference"] = "SQ-2026-017",
        }, "#paper-form");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var version = await Factory.WithDb(db => db.Set<BallotVersion>().SingleAsync(b => b.VoteId == vote.Id));
        Assert.Equal(BallotChannel.Assisted, version.Channel);
        Assert.Equal(new DateOnly(2026, 12, 1), version.PaperDate);
        Assert.Equal("SQ-2026-017", version.AuthorisationReference);
        Assert.Equal(flat.Id, version.FlatId);

        var outside = await Assert.ThrowsAsync<DomainException>(() => Factory.RecordAsync(vote.Id, c, c.Flat("1-2-101").Id, Choice.Agree));
        Assert.Equal("ballot.flat_outside_scope", outside.Code);
    }

    [Fact]
    public async Task A_file_with_any_bad_line_is_refused_whole_with_line_numbers()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("IMP"), buildings: 2, entrances: 1, floors: 2, flatsPerFloor: 2);
        await Factory.GiveToSameOwnerAsync(c.Flat("1-1-102"), c.Flat("1-1-101"));
        var vote = await Factory.CreateVoteAsync(c, "导入", new CivilCodeOrdinary(), Scope.OfBuilding(c.Building("1").Id));
        var csv = "building,entrance,room,choice\n1,1,101,同意\n1,1,102,反对\n1,1,201,maybe\n2,1,101,agree\n1,1,999,agree\n1,1,202,弃权\n";
        var outcome = await Import(vote.Id, c, csv);
        Assert.Equal(
        [
            "line 3: flat 1-1-102 and flat 1-1-101 (line 2) belong to one owner but have different choices",
            "line 4: unknown choice 'maybe'",
            "line 5: flat 2-1-101 is outside the vote's scope",
            "line 6: there is no flat 1-1-999",
        ], outcome);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id)));

        var good = await Import(vote.Id, c, "building,entrance,room,choice\r\n1,1,101,同意\r\n1,1,102,同意\r\n1,1,201,oppose\r\n");
        Assert.Empty(good);
        var tally = (await Factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(new Weight(1, 10_000), tally.Agree); // one owner, two flats
        Assert.Equal(new Weight(1, 5_000), tally.Oppose);
        Assert.True((await Factory.VerifyAsync(vote.Id)).Ok);
    }

    [Fact]
    public async Task Committee_uploads_a_ballot_file_on_the_paper_page()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("UPL"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await Factory.CreateVoteAsync(c, "上传", new CivilCodeOrdinary(), Scope.WholeCompound);
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var url = $"/c/{c.Code}/votes/{vote.Id}/paper";

        async Task<HttpResponseMessage> Upload(string? csv)
        {
            var page = await committee.GetDocumentAsync(url);
            var form = page.QuerySelector<IHtmlFormElement>("#import-form")!;
            using var content = new MultipartFormDataContent();
            content.Add(new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken");
            if (csv is not null)
                content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), form.QuerySelector<IHtmlInputElement>("input[type=file]")!.Name!, "ballots.csv");
            return await committee.PostAsync(form.GetAttribute("action"), content, TestContext.Current.CancellationToken);
        }

        var none = await Upload(null);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("请选择", (await FormClient.ParseAsync(none)).QuerySelector("#paper-errors")!.TextContent);

        var done = await Upload("building,entrance,room,choice\n1,1,101,同意\n1,1,102,反对\n");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var tally = (await Factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(new Weight(1, 5_000), tally.Agree);
        Assert.Equal(new Weight(1, 5_000), tally.Oppose);
    }

    private async Task<List<string>> Import(long voteId, TestCompound c, string csv) =>
        await Factory.Scoped(async sp =>
        {
            var previous = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            try
            {
                var t = sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<VotesText>>();
                var outcome = await sp.GetRequiredService<ImportBallots>().RunAsync(voteId, c.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "ballots.csv", "test");
                return outcome.Errors.Select(e => t["Import_Line", e.Line, t[e.Key, e.Args].Value].Value).ToList();
            }
            finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
        });

    [Fact]
    public async Task Tally_api_answers_the_committee_only_in_the_issue_shape()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("API"), buildings: 1, entrances: 1, floors: 3, flatsPerFloor: 2);
        var vote = await Factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id));
        foreach (var (label, choice) in new[] { ("1-1-101", Choice.Agree), ("1-1-102", Choice.Agree), ("1-1-201", Choice.Agree), ("1-1-202", Choice.Oppose) })
            await Factory.RecordAsync(vote.Id, c, c.Flat(label).Id, choice);

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.NewClient().GetAsync($"/api/votes/{vote.Id}/tally")).StatusCode);
        var (_, resident) = await Factory.ResidentAsync(c, c.Flat("1-1-101"));
        var forbidden = await resident.GetAsync($"/api/votes/{vote.Id}/tally");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/json", forbidden.Content.Headers.ContentType?.MediaType);
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync("/api/votes/987654/tally")).StatusCode);
        var other = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("APO"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, otherCommittee) = await Factory.RoleHolderAsync(other, CompoundRoleKind.Committee);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherCommittee.GetAsync($"/api/votes/{vote.Id}/tally")).StatusCode);

        var response = await committee.GetAsync($"/api/votes/{vote.Id}/tally");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var matterId = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        Assert.Equal(
            $"{{\"vote_id\":{vote.Id},\"title\":\"加装电梯\",\"status\":\"open\",\"scope\":\"building:1\",\"matters\":[{{\"matter_id\":{matterId},\"title\":\"加装电梯\",\"rule\":\"civil-code-major\"," +
            "\"eligible\":{\"owners\":6,\"area_m2\":300.00},\"participated\":{\"owners\":4,\"area_m2\":200.00},\"agree\":{\"owners\":3,\"area_m2\":150.00}," +
            "\"oppose\":{\"owners\":1,\"area_m2\":50.00},\"abstain\":{\"owners\":0,\"area_m2\":0.00},\"quorum_met\":true,\"passed\":true," +
            "\"invalid\":{\"owners\":0,\"area_m2\":0.00},\"by_channel\":{\"online\":{\"owners\":0,\"area_m2\":0.00},\"paper\":{\"owners\":4,\"area_m2\":200.00}," +
            "\"assisted\":{\"owners\":0,\"area_m2\":0.00},\"proxy\":{\"owners\":0,\"area_m2\":0.00}}}]}", body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("matters")[0].GetProperty("agree").GetProperty("area_m2").ValueKind);
    }

    [Fact]
    public async Task Live_page_shows_non_voters_to_the_committee_and_the_entrances_own_lead_only()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("LIV"), buildings: 1, entrances: 2, floors: 1, flatsPerFloor: 2);
        var vote = await Factory.CreateVoteAsync(c, "楼道改造", new CivilCodeOrdinary(), Scope.OfBuilding(c.Building("1").Id));
        await Factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        var url = $"/c/{c.Code}/votes/{vote.Id}/live";

        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var all = (await committee.GetDocumentAsync(url)).QuerySelectorAll("#non-voters li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["1-1-102", "1-2-101", "1-2-102"], all);

        var (_, lead) = await Factory.RoleHolderAsync(c, CompoundRoleKind.BuildingLead, c.Building("1").Id, c.Entrance("1", "2").Id);
        var leadPage = await lead.GetDocumentAsync(url);
        Assert.Equal(["1-2-101", "1-2-102"], leadPage.QuerySelectorAll("#non-voters li").Select(li => li.TextContent.Trim()));
        Assert.Null(leadPage.QuerySelector("#export-csv"));

        var (_, resident) = await Factory.ResidentAsync(c, c.Flat("1-1-102"));
        var refused = await resident.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery);

        var csv = await committee.GetStringAsync(url + "?handler=Export&format=csv");
        Assert.Contains("1,1,2,100.00,1,50.00,1,50.00,0,0.00,0,0.00", csv);
        var xlsx = await committee.GetAsync(url + "?handler=Export&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }
}
