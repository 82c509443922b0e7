using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>
/// The result notice (表决结果公告) as posted on the notice board: every field the issue lists, read with AngleSharp;
/// and the result address of a vote that is still open.
/// </summary>
public sealed class ResultNoticeTests
{
    private const string Body = "在1号楼北侧加装电梯一部，**工程预算48万元**，费用按楼层系数分摊。";

    /// <summary>
    /// Building 1 has ten flats of 50.00 m² (one owner each); building 2 is outside the vote. Nine owners take part:
    /// three online, four on paper (one of them spoiled), one assisted at the door, one by proxy; one does not.
    /// </summary>
    private static async Task<(VotesFactory Factory, TestCompound C, Vote Vote, HttpClient Owner)> FinalElevatorVoteAsync()
    {
        var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RNT"), buildings: 2, entrances: 1, floors: 5, flatsPerFloor: 2);
        await factory.RelaxVoteRulesAsync(c);
        var committee = await factory.CreateUserAsync($"committee-{Guid.NewGuid():N}@example.com");
        await factory.GrantAsync(committee.Id, c, CompoundRoleKind.Committee);
        var vote = await factory.Scoped(sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(c.Id, "1号楼加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id),
                null, now.AddHours(1), ObjectionPeriodDays: 2, Body: Body, Elevator: true), committee.Id);
        });
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        var (ownerId, owner) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        await Online(ownerId, "1-1-101", Choice.Agree);
        foreach (var flat in new[] { "1-1-102", "1-1-201" })
        {
            var user = await factory.CreateUserAsync($"o-{Guid.NewGuid():N}@example.com");
            await factory.LinkAsync(user.Id, c, c.Flat(flat));
            await Online(user.Id, flat, Choice.Agree);
        }
        await Entered("1-1-202", Choice.Agree, BallotChannel.Paper);
        await Entered("1-1-301", Choice.Agree, BallotChannel.Paper);
        await Entered("1-1-302", Choice.Oppose, BallotChannel.Paper);
        await Entered("1-1-401", Choice.Invalid, BallotChannel.Paper);
        await Entered("1-1-402", Choice.Agree, BallotChannel.Assisted);
        await Entered("1-1-501", Choice.Abstain, BallotChannel.Proxy);

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);
        Assert.True(await factory.CloseAsync(vote.Id)); // no counting days: the two scrutineers sign off at once
        factory.Clock.Offset += TimeSpan.FromDays(2);
        await factory.Scoped(sp => sp.GetRequiredService<PublishResult>().RunAsync(vote.Id, c.Id, committee.Id));
        return (factory, c, await factory.VoteAsync(vote.Id), owner);

        Task Online(string userId, string flat, Choice choice) => factory.Scoped(sp => sp.GetRequiredService<CastBallot>()
            .RunAsync(vote.Id, c.Id, userId, c.Flat(flat).OwnerOfRecordId, [new MatterChoice(matter, choice)]));

        Task Entered(string flat, Choice choice, BallotChannel channel) => factory.Scoped(sp => sp.GetRequiredService<RecordPaperBallot>()
            .RunAsync(vote.Id, c.Id, c.Flat(flat).Id, [new MatterChoice(matter, choice)],
                new BallotMeta(channel, committee.Id, c.Flat(flat).Id,
                    DateOnly.FromDateTime(Portal.Features.Shared.Shanghai.ToLocal(factory.Clock.GetUtcNow().AddMinutes(-1)).Date), channel == BallotChannel.Paper ? null : channel == BallotChannel.Assisted ? "行动不便，楼门长上门协助" : "业主在外地，委托子女投票",
                    channel == BallotChannel.Paper ? null : channel == BallotChannel.Assisted ? "协助记录第1号" : "委托书第3号", factory.Clock.GetUtcNow().AddMinutes(-1))));
    }

    private static string Text(IDocument page, string selector) =>
        (page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no {selector} on the notice")).TextContent.Trim();

    private static string Row(IElement table, string row, string cell) =>
        (table.QuerySelector($"tr.{row} .{cell}") ?? throw new Xunit.Sdk.XunitException($"no {row} .{cell}")).TextContent.Trim();

    [Fact]
    public async Task The_final_result_notice_carries_every_field_a_notice_board_posting_needs()
    {
        var (factory, c, vote, owner) = await FinalElevatorVoteAsync();
        await using var _ = factory;
        var page = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result");
        string Date(DateTimeOffset at) { var l = Portal.Features.Shared.Shanghai.ToLocal(at); return $"{l.Year}年{l.Month}月{l.Day}日"; }
        string DateTime(DateTimeOffset at) => $"{Date(at)} {Portal.Features.Shared.Shanghai.ToLocal(at):HH:mm}";

        Assert.Equal("表决结果公告", Text(page, "#result-heading"));
        Assert.Equal("Final", page.QuerySelector("#result-status")!.GetAttribute("data-status"));
        // The convener and the compound.
        Assert.Equal($"{c.Compound.Name}业主委员会", Text(page, "#result-convener"));
        Assert.Contains(c.Compound.Name, Text(page, "#result-compound-address"));
        Assert.Contains(c.Compound.Address, Text(page, "#result-compound-address"));
        // The electorate: flats, owners and area of building 1 only.
        Assert.Equal("房屋10户，业主10人，专有部分面积500.00㎡", Text(page, "#result-electorate"));
        Assert.Equal(DateTime(vote.OpensAt) + "至" + DateTime(vote.ClosesAt), Text(page, "#result-voting-period"));

        // The matter's full text, its rule on its own line, and the legal basis with Art. 278's thresholds and the elevator item.
        var matter = page.QuerySelector(".matter-result")!;
        Assert.Equal("1. 1号楼加装电梯", matter.QuerySelector(".matter-title")!.TextContent.Trim());
        Assert.StartsWith("表决规则：", matter.QuerySelector(".matter-rule")!.TextContent.Trim());
        Assert.Contains("工程预算48万元", matter.QuerySelector(".matter-body strong")!.TextContent);
        var legal = matter.QuerySelector(".legal-basis")!.TextContent;
        Assert.Contains("第二百七十八条", legal);
        Assert.Contains("三分之二以上", legal);
        Assert.Contains("四分之三以上", legal);
        Assert.Contains("第七项", legal);
        Assert.Contains("第一千二百五十九条", legal);

        // Every row with headcount, area and both percentages: participation of all eligible, choices of those who took part.
        var table = matter.QuerySelector(".result-table")!;
        var expected = new (string Row, string Owners, string OwnersPct, string Area, string AreaPct)[]
        {
            ("row-eligible", "10", "100.0%", "500.00", "100.0%"),
            ("row-participated", "9", "90.0%", "450.00", "90.0%"),
            ("row-not-participated", "1", "10.0%", "50.00", "10.0%"),
            ("row-agree", "6", "66.7%", "300.00", "66.7%"),
            ("row-oppose", "1", "11.1%", "50.00", "11.1%"),
            ("row-abstain", "1", "11.1%", "50.00", "11.1%"),
            ("row-invalid", "1", "11.1%", "50.00", "11.1%"),
        };
        foreach (var (row, owners, ownersPct, area, areaPct) in expected)
        {
            Assert.Equal(owners, Row(table, row, "owners"));
            Assert.Equal(ownersPct, Row(table, row, "pct-owners"));
            Assert.Equal(area, Row(table, row, "area"));
            Assert.Equal(areaPct, Row(table, row, "pct-area"));
        }
        // 6 of 9 agree: below three quarters, so the major matter fails though the quorum is met.
        Assert.Equal("true", matter.QuerySelector(".quorum")!.GetAttribute("data-met"));
        Assert.Equal("false", matter.QuerySelector(".outcome")!.GetAttribute("data-passed"));

        // Participation by channel: online, paper (the spoiled paper included), assisted at the door, proxy.
        var channels = matter.QuerySelectorAll(".channel-row").ToDictionary(r => r.GetAttribute("data-channel")!,
            r => (Owners: r.QuerySelector(".owners")!.TextContent, Pct: r.QuerySelector(".pct-owners")!.TextContent, Label: r.QuerySelector("th")!.TextContent));
        Assert.Equal(["online", "paper", "assisted", "proxy"], channels.Keys);
        Assert.Equal(("3", "33.3%"), (channels["online"].Owners, channels["online"].Pct));
        Assert.Equal(("4", "44.4%"), (channels["paper"].Owners, channels["paper"].Pct));
        Assert.Equal(("1", "11.1%"), (channels["assisted"].Owners, channels["assisted"].Pct));
        Assert.Equal(("1", "11.1%"), (channels["proxy"].Owners, channels["proxy"].Pct));
        Assert.Equal("网上投票", channels["online"].Label);
        Assert.Equal("协助投票", channels["assisted"].Label);

        // When it was counted (absolute, Asia/Shanghai), by whom, the public-notice period, how to object, the court.
        Assert.Equal(DateTime(vote.CountedAt!.Value), Text(page, "#result-counted-at"));
        Assert.Equal("监票人、计票人：监票人甲、计票人乙", Text(page, "#result-scrutineers"));
        Assert.Equal($"公示期：{Date(vote.PreliminaryAt!.Value)}起至{DateTime(vote.ObjectionDeadline!.Value)}止。", Text(page, "#result-notice-period"));
        Assert.Equal($"异议期已于{DateTime(vote.ObjectionDeadline!.Value)}届满，未收到异议。", Text(page, "#result-how-to-object"));
        var court = Text(page, "#result-court");
        Assert.Contains("一年内", court);
        Assert.Contains("人民法院撤销", court);
        Assert.Contains("第十二条", court);
        // The seal placeholder and the convener's signature with the date written out.
        Assert.Equal("盖章处", Text(page, "#result-seal"));
        Assert.StartsWith($"{c.Compound.Name}业主委员会（盖章）", Text(page, "#result-signature"));
        Assert.Equal(Date(vote.FinalAt!.Value), Text(page, "#result-date"));
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日$", Text(page, "#result-date"));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", page.QuerySelector("#result-notice")!.TextContent);
        Assert.NotNull(page.QuerySelector("#result-qr"));
        // Printed on A4 without the site's header, footer and forms.
        var style = string.Join("\n", page.QuerySelectorAll("style").Select(s => s.TextContent));
        Assert.Contains("size: A4", style);
        Assert.Contains(".site-footer", style);
        Assert.Contains("d-print-none", page.QuerySelector("footer.site-footer")!.ClassName);
        Assert.Contains("d-print-none", page.QuerySelector("#objections")!.ClassName);
        // An owner looks up a code: one that is listed shows its choice; one that is not says so and keeps what was typed.
        var listed = page.QuerySelectorAll("#receipt-list .receipt").Select(r => r.TextContent.Trim()).ToList();
        Assert.Equal(9, listed.Count);
        var hit = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result?code={listed[0][..5].ToLowerInvariant()}-{listed[0][5..]}");
        Assert.Equal("true", hit.QuerySelector("#receipt-lookup-result")!.GetAttribute("data-found"));
        Assert.Equal(listed[0], hit.QuerySelector(".receipt-found .receipt")!.TextContent.Trim());
        var miss = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result?code=ZZZZZ-99999");
        Assert.Equal("false", miss.QuerySelector("#receipt-lookup-result")!.GetAttribute("data-found"));
        Assert.Contains("清单中没有投票码“ZZZZZ99999”", miss.QuerySelector("#receipt-lookup-result")!.TextContent);
        Assert.Equal("ZZZZZ-99999", miss.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Code")!.Value);
        Assert.Null(miss.QuerySelector(".receipt-found"));
        // Nothing personal: no owners' names or flats on the posting.
        Assert.DoesNotContain("业主1-1-", page.Body!.TextContent);
    }

    [Fact]
    public async Task The_preliminary_notice_says_until_when_and_how_to_object()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RNP"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var (committeeId, _) = await factory.RoleHolderAsync(c, CompoundRoleKind.ResidentsCommittee);
        await factory.RelaxVoteRulesAsync(c);
        var vote = await factory.Scoped(sp => sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(c.Id, "更换水泵", new CivilCodeOrdinary(),
            Scope.WholeCompound, null, sp.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(1), ObjectionPeriodDays: 3), committeeId));
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var (_, owner) = await factory.ResidentAsync(c, c.Flat("1-1-102"));

        var page = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result");
        var published = await factory.VoteAsync(vote.Id);
        var until = Portal.Features.Shared.Shanghai.ToLocal(published.ObjectionDeadline!.Value);
        Assert.Equal("表决结果初步统计公示", Text(page, "#result-heading"));
        Assert.Equal($"{c.Compound.Name}居民委员会", Text(page, "#result-convener"));
        var how = Text(page, "#result-how-to-object");
        Assert.Contains($"请于{until.Year}年{until.Month}月{until.Day}日 {until:HH:mm}前", how);
        Assert.Contains($"/c/{c.Code}/votes/{vote.Id}/result", how);
        Assert.Contains("书面形式", how);
        Assert.Contains("过半数", page.QuerySelector(".legal-basis")!.TextContent);
        Assert.Null(page.QuerySelector(".legal-elevator"));
        Assert.Contains($"异议期至{until.Year}年{until.Month}月{until.Day}日", Text(page, "#result-status"));
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", page.QuerySelector("#result-notice")!.TextContent);
        Assert.NotNull(page.QuerySelector("#objection-form"));
    }

    [Fact]
    public async Task An_advisory_poll_and_a_custom_rule_state_their_own_basis_instead_of_the_civil_code_thresholds()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RNL"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var advisory = await factory.CreateVoteAsync(c, "意愿征询：增设充电桩", new SimpleMajority(), Scope.WholeCompound, TimeSpan.FromHours(1));
        var custom = await factory.CreateVoteAsync(c, "绿化调整", new CustomRule(Fraction.AtLeastTwoThirds, new Fraction(1, 2, false),
            new Fraction(3, 5, true), Fraction.MoreThanHalf), Scope.WholeCompound, TimeSpan.FromHours(1));
        foreach (var v in new[] { advisory, custom }) await factory.RecordAsync(v.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromHours(2);
        foreach (var v in new[] { advisory, custom }) Assert.True(await factory.CloseAsync(v.Id));
        var (_, owner) = await factory.ResidentAsync(c, c.Flat("1-1-102"));

        var poll = (await owner.GetDocumentAsync($"/c/{c.Code}/votes/{advisory.Id}/result")).QuerySelector(".legal-basis")!.TextContent;
        Assert.Contains("意见征询", poll);
        Assert.Contains("不产生决定效力", poll);
        Assert.DoesNotContain("三分之二以上", poll);
        var lines = (await owner.GetDocumentAsync($"/c/{c.Code}/votes/{custom.Id}/result")).QuerySelector(".legal-basis")!.TextContent;
        Assert.Contains("业主委员会为本事项设定的门槛", lines);
        Assert.Contains("专有部分面积占比2/3以上、人数占比超过1/2的业主参与表决", lines);
        Assert.Contains("专有部分面积占比3/5以上、参与表决人数占比超过1/2的业主同意", lines);
    }

    [Fact]
    public async Task While_the_vote_is_open_the_result_address_says_when_the_result_follows_and_links_to_the_vote()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RNO"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "增设停车位", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromDays(3));
        var (_, owner) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        var url = $"/c/{c.Code}/votes/{vote.Id}/result";

        var response = await owner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        var closes = Portal.Features.Shared.Shanghai.ToLocal(vote.ClosesAt);
        Assert.Equal($"表决进行中，结果将于{closes.Year}年{closes.Month}月{closes.Day}日计票结束后公布。", Text(page, "#result-pending-text"));
        Assert.Equal($"/c/{c.Code}/votes/{vote.Id}", page.QuerySelector("#result-vote-link")!.GetAttribute("href"));
        // No count, no receipts, no objection form while voting.
        Assert.Null(page.QuerySelector("#result-notice"));
        Assert.Null(page.QuerySelector(".matter-result"));
        Assert.Null(page.QuerySelector("#receipt-list"));
        Assert.Null(page.QuerySelector("#objection-form"));
        // A vote announced but not yet open says when voting starts.
        var draft = await factory.CreateVoteAsync(c, "外墙保温", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromDays(10), opensIn: TimeSpan.FromDays(2));
        var opens = Portal.Features.Shared.Shanghai.ToLocal(draft.OpensAt);
        var announced = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{draft.Id}/result");
        Assert.Equal("Draft", announced.QuerySelector("#result-pending")!.GetAttribute("data-status"));
        Assert.StartsWith($"表决尚未开始，将于{opens.Year}年{opens.Month}月{opens.Day}日 {opens:HH:mm}开始投票；", Text(announced, "#result-pending-text"));
        // An unknown vote is still not found.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/c/{c.Code}/votes/999999/result")).StatusCode);
    }
}
