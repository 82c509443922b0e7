using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task Import_reads_received_at_channel_and_reference_and_refuses_the_whole_file_for_any_bad_line()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("IMC"), buildings: 1, entrances: 1, floors: 2, flatsPerFloor: 2);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id), TimeSpan.FromDays(2));
        var today = Portal.Features.Shared.Shanghai.ToLocal(factory.Clock.GetUtcNow());
        var future = today.AddDays(1).ToString("yyyy-MM-dd HH:mm");
        var afterClosing = today.AddDays(3).ToString("yyyy-MM-dd");
        Task<List<string>> Import(string csv) => factory.Scoped(async sp =>
        {
            var outcome = await sp.GetRequiredService<ImportBallots>().RunAsync(vote.Id, c.Id, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "b.csv", "committee");
            return outcome.Errors.Select(e => $"{e.Line}:{e.Key}").ToList();
        });

        Assert.Equal(["2:Import_BadChannel", "3:Import_ReferenceRequired", "4:Import_BadReceivedAt"], await Import(
            "building,entrance,room,choice,channel,received_at,reference\n1,1,101,agree,fax,,\n1,1,102,agree,proxy,,\n1,1,201,agree,paper,yesterday,\n"));
        Assert.Equal(["2:Import_ReceivedInFuture", "3:Import_ReceivedAfterClosing"], await Import(
            $"building,entrance,room,choice,received_at\n1,1,101,agree,{future}\n1,1,102,agree,{afterClosing}\n1,1,201,agree,\n"));
        Assert.Equal(0, await factory.WithDb(db => db.Set<BallotVersion>().CountAsync(b => b.VoteId == vote.Id)));

        Assert.Empty(await Import(
            $"building,entrance,room,choice,channel,received_at,reference\n1,1,101,agree,proxy,{today:yyyy-MM-dd},WT-7\n1,1,102,无效,,{today:yyyy-MM-dd HH:mm},\n"));
        var versions = await factory.WithDb(db => db.Set<BallotVersion>().Where(b => b.VoteId == vote.Id).OrderBy(b => b.Id).ToListAsync());
        Assert.Equal([BallotChannel.Proxy, BallotChannel.Import], versions.Select(v => v.Channel));
        Assert.Equal("WT-7", versions[0].AuthorisationReference);
        Assert.Equal(DateOnly.FromDateTime(today.Date), versions[0].PaperDate);
        Assert.Equal(1, (await factory.TallyAsync(vote.Id)).Single().Invalid.Owners);
    }
}
