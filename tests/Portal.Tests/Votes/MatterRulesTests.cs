using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Elevator and occupied-flat matters, advisory polls, and the agree/oppose split hidden while voting.</summary>
public sealed class MatterRulesTests
{
    private static Task<Vote> CreateAsync(VotesFactory factory, TestCompound c, string title, IVotingRule rule, Scope scope,
        bool elevator = false, IReadOnlyList<long>? occupied = null, string? body = null) =>
        factory.Scoped(async sp =>
        {
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            return await sp.GetRequiredService<CreateVote>().RunAsync(new CreateVote.NewVote(c.Id, title, rule, scope, null, now.AddHours(1), 1, 24,
                Body: body, Elevator: elevator, OccupiedFlatIds: occupied), "committee");
        });

    [Fact]
    public async Task An_elevator_matter_needs_the_major_rule_and_a_building_and_an_occupied_flat_that_opposes_makes_it_fail()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("ELM"), buildings: 2, entrances: 1, floors: 2, flatsPerFloor: 2);
        await factory.RelaxVoteRulesAsync(c);
        var building = Scope.OfBuilding(c.Building("1").Id);
        Assert.Equal("matter.elevator_rule", (await Assert.ThrowsAsync<DomainException>(() =>
            CreateAsync(factory, c, "加装电梯", new CivilCodeOrdinary(), building, elevator: true))).Code);
        Assert.Equal("matter.elevator_rule", (await Assert.ThrowsAsync<DomainException>(() =>
            CreateAsync(factory, c, "加装电梯", new CivilCodeMajor(), Scope.WholeCompound, elevator: true))).Code);
        Assert.Equal("matter.occupied_outside_scope", (await Assert.ThrowsAsync<DomainException>(() =>
            CreateAsync(factory, c, "加装电梯", new CivilCodeMajor(), building, elevator: true, occupied: [c.Flat("2-1-101").Id]))).Code);
        Assert.Equal(0, await factory.WithDb(db => db.Set<Vote>().CountAsync(v => v.CompoundId == c.Id)));

        var vote = await CreateAsync(factory, c, "1号楼加装电梯", new CivilCodeMajor(), building, elevator: true,
            occupied: [c.Flat("1-1-101").Id], body: "## 方案\n\n在北侧加装电梯一部，**占用101室部分阳台**。<script>alert(1)</script>");
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Oppose);
        foreach (var flat in new[] { "1-1-102", "1-1-201", "1-1-202" })
            await factory.RecordAsync(vote.Id, c, c.Flat(flat).Id, Choice.Agree);
        var result = (await factory.TallyAsync(vote.Id)).Single();
        Assert.True(result.QuorumMet);         // 4 of 4
        Assert.Equal(3, result.Agree.Owners);  // 3/4 of participation would pass on its own
        Assert.False(result.Passed);
        Assert.Equal(1, result.OccupiedNotAgreeing);

        var (_, owner) = await factory.ResidentAsync(c, c.Flat("1-1-202"));
        var page = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}");
        var text = page.QuerySelector(".matter-body")!;
        Assert.NotNull(text.QuerySelector("h2"));
        Assert.Contains("占用101室部分阳台", text.TextContent);
        Assert.Null(text.QuerySelector("script"));

        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var notice = await owner.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/result");
        Assert.Equal("1", notice.QuerySelector(".occupied-refused")!.GetAttribute("data-count"));
        var verification = await factory.VerifyAsync(vote.Id);
        Assert.True(verification.Ok, string.Join("; ", verification.Problems));
    }

    [Fact]
    public void Advisory_polls_never_bind()
    {
        Assert.False(MatterRules.Binds(new SimpleMajority()));
        Assert.True(MatterRules.Binds(new CivilCodeMajor()));
        Assert.True(MatterRules.Binds(new CivilCodeOrdinary()));
        var noQuorum = VoteRuleKind.Stored(3).Create(new RuleLines(Fraction.Create(0, 1, true), Fraction.Create(0, 1, true),
            Fraction.Create(1, 2, false), Fraction.Create(1, 2, false)));
        Assert.False(MatterRules.Binds(noQuorum));
    }

    [Fact]
    public async Task While_voting_the_live_page_and_the_api_show_only_turnout_when_the_rules_hide_the_split()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("HID"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        await factory.Scoped(sp => sp.GetRequiredService<SetCompoundRules>().RunAsync(c.Id,
            new SetCompoundRules.Changes(NoticeDays: 0, MinVotingDays: 0, ObjectionDays: 0, CountingDays: 0, HideSplitUntilClose: true), "committee"));
        var vote = await factory.CreateVoteAsync(c, "停车管理", new CivilCodeOrdinary(), Scope.WholeCompound, TimeSpan.FromHours(1));
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Oppose);
        var (_, committee) = await factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;

        var live = await committee.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/live");
        Assert.NotNull(live.QuerySelector("#split-hidden"));
        Assert.NotNull(live.QuerySelector($"#participation-{matter}"));
        Assert.Null(live.QuerySelector($"#oppose-{matter}"));
        Assert.Null(live.QuerySelector("canvas.live-chart"));
        var api = await committee.GetStringAsync($"/api/votes/{vote.Id}/tally");
        Assert.Contains("\"split_hidden\":true", api);
        Assert.Contains("\"participated\"", api);
        Assert.DoesNotContain("\"oppose\"", api);
        // The server operator's tally (what the ops command prints) always has the full count.
        var ops = await factory.Scoped(sp => sp.GetRequiredService<VoteTallyJson>().RenderAsync(vote.Id));
        Assert.Contains("\"oppose\":{\"owners\":1", ops);

        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        Assert.NotNull((await committee.GetDocumentAsync($"/c/{c.Code}/votes/{vote.Id}/live")).QuerySelector($"#oppose-{matter}"));
        Assert.Contains("\"oppose\"", await committee.GetStringAsync($"/api/votes/{vote.Id}/tally"));
    }
}
