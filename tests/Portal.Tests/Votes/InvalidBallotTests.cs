using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Invalid ballots (无效票) count as participation only; participation is reported by channel.</summary>
public sealed class InvalidBallotTests
{
    [Fact]
    public async Task An_invalid_paper_counts_as_participation_not_as_a_choice_and_the_tally_reports_each_channel()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("INV"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id), TimeSpan.FromHours(1));
        var matter = (await factory.TallyAsync(vote.Id)).Single().MatterId;
        var url = $"/c/{c.Code}/votes/{vote.Id}";

        var (_, online) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        var cheat = await online.SubmitFormAsync(url, new Dictionary<string, string> { [$"Choice[{matter}]"] = "invalid" }, ".ballot-form");
        Assert.Equal(HttpStatusCode.OK, cheat.StatusCode); // an online ballot cannot be invalid
        Assert.Contains("该选择不适用于此事项", (await FormClient.ParseAsync(cheat)).QuerySelector("#ballot-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect,
            (await online.SubmitFormAsync(url, new Dictionary<string, string> { [$"Choice[{matter}]"] = "agree" }, ".ballot-form")).StatusCode);

        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-102").Id, Choice.Invalid);
        await factory.Scoped(sp => sp.GetRequiredService<RecordPaperBallot>().RunAsync(vote.Id, c.Id, c.Flat("1-1-201").Id,
            [new MatterChoice(matter, Choice.Oppose)],
            new BallotMeta(BallotChannel.Assisted, "committee", null, new DateOnly(2026, 12, 1), "行动不便，由子女代填", "SQ-001"), CancellationToken.None));
        var imported = await factory.Scoped(async sp => (await sp.GetRequiredService<ImportBallots>().RunAsync(vote.Id, c.Id,
            new MemoryStream("building,entrance,room,choice\n1,1,202,无效\n"u8.ToArray()), "ballots.csv", "committee")).Errors.Count);
        Assert.Equal(0, imported);

        var result = (await factory.TallyAsync(vote.Id)).Single();
        Assert.Equal(4, result.Participated.Owners);
        Assert.Equal((1L, 1L, 0L, 2L), (result.Agree.Owners, result.Oppose.Owners, result.Abstain.Owners, result.Invalid.Owners));
        Assert.Equal(10_000, result.Invalid.AreaCents);

        using var json = JsonDocument.Parse(await factory.Scoped(sp => sp.GetRequiredService<VoteTallyJson>().RenderAsync(vote.Id)));
        var m = json.RootElement.GetProperty("matters")[0];
        Assert.Equal(2, m.GetProperty("invalid").GetProperty("owners").GetInt32());
        Assert.Equal(100.00m, m.GetProperty("invalid").GetProperty("area_m2").GetDecimal());
        var byChannel = m.GetProperty("by_channel");
        Assert.Equal(1, byChannel.GetProperty("online").GetProperty("owners").GetInt32());
        Assert.Equal(2, byChannel.GetProperty("paper").GetProperty("owners").GetInt32()); // recorded and imported papers
        Assert.Equal(1, byChannel.GetProperty("assisted").GetProperty("owners").GetInt32());
        Assert.Equal(0, byChannel.GetProperty("proxy").GetProperty("owners").GetInt32());

        factory.Clock.Offset = TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1);
        Assert.True(await factory.CloseAsync(vote.Id));
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }
}
