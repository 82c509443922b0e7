using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>The compound's rules for votes (议事规则): defaults, the committee's settings page, and the refusals they cause.</summary>
public sealed class CompoundRulesTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private VotesFactory Factory => fixture.Factory;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Defaults_give_15_days_notice_compound_wide_7_for_a_building_and_7_voting_days()
    {
        var rules = CompoundRules.Defaults(1);
        Assert.Equal(15, rules.NoticeDaysFor(Scope.WholeCompound));
        Assert.Equal(7, rules.NoticeDaysFor(Scope.OfBuilding(5)));
        Assert.Equal(7, rules.NoticeDaysFor(Scope.OfEntrance(5, 6)));
        Assert.Equal((7, 7, 3, ChannelPrecedence.OnlinePrevails, true),
            (rules.MinVotingDays, rules.ObjectionDays, rules.CountingDays, rules.Precedence, rules.HideSplitUntilClose));

        rules.CheckSchedule(Scope.OfBuilding(5), Now, Now.AddDays(7), Now.AddDays(14));
        Assert.Equal("vote.notice_too_short", Assert.Throws<DomainException>(() =>
            rules.CheckSchedule(Scope.WholeCompound, Now, Now.AddDays(14), Now.AddDays(30))).Code);
        Assert.Equal("vote.notice_too_short", Assert.Throws<DomainException>(() =>
            rules.CheckSchedule(Scope.OfBuilding(5), Now, Now.AddDays(7).AddMinutes(-1), Now.AddDays(20))).Code);
        Assert.Equal("vote.voting_too_short", Assert.Throws<DomainException>(() =>
            rules.CheckSchedule(Scope.OfBuilding(5), Now, Now.AddDays(7), Now.AddDays(13))).Code);
        Assert.Equal("vote.closes_before_opening", Assert.Throws<DomainException>(() =>
            rules.CheckSchedule(Scope.OfBuilding(5), Now, Now.AddDays(8), Now.AddDays(7))).Code);
    }

    [Fact]
    public void Changing_the_rules_checks_each_period_and_keeps_what_is_not_given()
    {
        var rules = CompoundRules.Defaults(1);
        rules.Change(10, null, null, 5, ChannelPrecedence.LatestWins, false, "committee", Now);
        Assert.Equal(10, rules.NoticeDaysFor(Scope.WholeCompound));
        Assert.Equal(10, rules.NoticeDaysFor(Scope.OfBuilding(5)));
        Assert.Equal((7, 7, 5, ChannelPrecedence.LatestWins, false, "committee"),
            (rules.MinVotingDays, rules.ObjectionDays, rules.CountingDays, rules.Precedence, rules.HideSplitUntilClose, rules.UpdatedBy));

        Assert.Equal("rules.notice_days_out_of_range", Assert.Throws<DomainException>(() => rules.Change(-1, null, null, null, null, null, "x", Now)).Code);
        Assert.Equal("rules.min_voting_days_out_of_range", Assert.Throws<DomainException>(() => rules.Change(null, 91, null, null, null, null, "x", Now)).Code);
        Assert.Equal(10, rules.NoticeDays); // a refused change changes nothing
        rules.UseDefaultNotice();
        Assert.Equal(15, rules.NoticeDaysFor(Scope.WholeCompound));
    }

    [Fact]
    public async Task A_vote_announced_too_late_or_running_too_short_is_refused_and_nothing_is_saved()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("CRR"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var building = Scope.OfBuilding(c.Building("1").Id);
        Task<Vote> Create(TimeSpan? opensIn, TimeSpan closesIn, int objectionDays = 7) => Factory.Scoped(sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(c.Id, "加装电梯", new CivilCodeMajor(), building,
                now + opensIn, now + closesIn, objectionDays), "committee", CancellationToken.None);
        });

        Assert.Equal("vote.notice_too_short", (await Assert.ThrowsAsync<DomainException>(() => Create(null, TimeSpan.FromDays(14)))).Code);
        Assert.Equal("vote.notice_too_short", (await Assert.ThrowsAsync<DomainException>(() => Create(TimeSpan.FromDays(6), TimeSpan.FromDays(20)))).Code);
        var week = TimeSpan.FromDays(7) + TimeSpan.FromHours(1);
        Assert.Equal("vote.voting_too_short", (await Assert.ThrowsAsync<DomainException>(() => Create(week, week + TimeSpan.FromDays(6)))).Code);
        Assert.Equal("vote.objection_too_short", (await Assert.ThrowsAsync<DomainException>(() => Create(week, week + TimeSpan.FromDays(7), 3))).Code);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<Vote>().CountAsync(v => v.CompoundId == c.Id)));

        var vote = await Create(week, week + TimeSpan.FromDays(7));
        Assert.Equal(VoteStatus.Draft, vote.Status); // announced now, opens after the notice period
        var notice = await Factory.WithDb(db => db.Set<Portal.Domain.Notices.Notice>().SingleAsync(n => n.CompoundId == c.Id));
        Assert.Equal("表决公告：加装电梯", notice.Title);
        Assert.Equal(Portal.Domain.Notices.NoticeCategory.Vote, notice.Category);
        Assert.Equal(Portal.Domain.Notices.NoticeReach.Buildings, notice.Reach);
        Assert.Contains("第1项：加装电梯\n\n表决规则：须双四分之三同意的事项（《民法典》第二百七十八条第一款第六至八项）", notice.BodyMarkdown.ReplaceLineEndings("\n"));
        Assert.Contains("表决开始前公告7日，表决期不少于7日", notice.BodyMarkdown);
        Assert.Contains(AnnounceVote.Date(vote.OpensAt) + " ", notice.BodyMarkdown);
        Assert.Matches("[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日", notice.BodyMarkdown);
    }

    [Fact]
    public async Task Committee_sets_the_rules_on_its_page_and_the_new_vote_form_explains_a_refusal()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("CRP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var (_, committee) = await Factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var (_, owner) = await Factory.ResidentAsync(c, c.Flat("1-1-101"));
        var url = $"/c/{c.Code}/votes/rules";
        var denied = await owner.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location!.PathAndQuery);

        var page = await committee.GetDocumentAsync(url);
        Assert.Equal("7", page.QuerySelector("#Input_MinVotingDays")!.GetAttribute("value"));
        Assert.Equal("", page.QuerySelector("#Input_NoticeDays")!.GetAttribute("value") ?? "");

        var bad = await committee.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.CountingDays"] = "200" }, "#rules-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("计票天数应为0至90日", (await FormClient.ParseAsync(bad)).QuerySelector(".validation-summary-errors")!.TextContent);

        var saved = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.NoticeDays"] = "10", ["Input.MinVotingDays"] = "8", ["Input.Precedence"] = "latest-wins",
        }, "#rules-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rules = await Factory.WithDb(db => db.Set<CompoundRules>().SingleAsync(r => r.CompoundId == c.Id));
        Assert.Equal((10, 8, ChannelPrecedence.LatestWins), (rules.NoticeDays, rules.MinVotingDays, rules.Precedence));
        Assert.NotNull(rules.UpdatedAt);

        var now = Portal.Features.Shared.Shanghai.ToLocal(Factory.Clock.GetUtcNow());
        var refused = await committee.SubmitFormAsync($"/c/{c.Code}/votes/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "加装电梯", ["Input.Rule"] = VoteRuleKind.Of<CivilCodeMajor>().Code, ["Input.Scope"] = $"b:{c.Building("1").Id}",
            ["Input.OpensAt"] = now.AddDays(5).ToString("yyyy-MM-ddTHH:mm"), ["Input.ClosesAt"] = now.AddDays(30).ToString("yyyy-MM-ddTHH:mm"),
        }, "#new-vote-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("公告期短于本小区议事规则", (await FormClient.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<Vote>().CountAsync(v => v.CompoundId == c.Id)));
    }

    [Fact]
    public async Task Under_online_prevails_a_committee_entry_for_an_owner_who_voted_online_is_refused_and_under_latest_wins_it_replaces()
    {
        var c = await Factory.CreateCompoundAsync(VotesTestKit.NewCode("PRE"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await Factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id));
        var flat = c.Flat("1-1-101");
        var (_, owner) = await Factory.ResidentAsync(c, flat);
        var matter = (await Factory.TallyAsync(vote.Id)).Single().MatterId;
        var url = $"/c/{c.Code}/votes/{vote.Id}";
        var page = await owner.GetDocumentAsync(url);
        Assert.Contains("线上投票为准", page.QuerySelector("#precedence-rule")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect,
            (await owner.SubmitFormAsync(url, new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form")).StatusCode);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Factory.RecordAsync(vote.Id, c, flat.Id, Choice.Oppose));
        Assert.Equal("ballot.online_ballot_prevails", refused.Code);
        var lines = await Factory.Scoped(async sp =>
        {
            var outcome = await sp.GetRequiredService<ImportBallots>().RunAsync(vote.Id, c.Id,
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes("building,entrance,room,choice\n1,1,102,agree\n1,1,101,oppose\n")), "ballots.csv", "test");
            return outcome.Errors.Select(e => (e.Line, e.Key)).ToList();
        });
        Assert.Equal([(3, "Import_OnlinePrevails")], lines);
        var tally = (await Factory.TallyAsync(vote.Id)).Single();
        Assert.Equal((1L, 0L), (tally.Agree.Owners, tally.Oppose.Owners)); // nothing changed, not even the good line
        Assert.Equal(1, await Factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id)));

        await Factory.Scoped(sp => sp.GetRequiredService<SetCompoundRules>().RunAsync(c.Id,
            new SetCompoundRules.Changes(Precedence: ChannelPrecedence.LatestWins), "committee", CancellationToken.None));
        await Factory.RecordAsync(vote.Id, c, flat.Id, Choice.Oppose);
        tally = (await Factory.TallyAsync(vote.Id)).Single();
        Assert.Equal((0L, 1L), (tally.Agree.Owners, tally.Oppose.Owners));
        Assert.Contains("以最后一次投票为准", (await owner.GetDocumentAsync(url)).QuerySelector("#precedence-rule")!.TextContent);
        Assert.True((await Factory.VerifyAsync(vote.Id)).Ok);
    }
}
