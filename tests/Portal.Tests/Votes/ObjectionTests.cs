using Microsoft.EntityFrameworkCore;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>Who may object to a preliminary result.</summary>
public sealed class ObjectionTests
{
    [Fact]
    public async Task An_owner_outside_the_electorate_cannot_object_and_nothing_is_stored()
    {
        await using var factory = new VotesFactory();
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("OBE"), buildings: 2, entrances: 1, floors: 1, flatsPerFloor: 1);
        var vote = await factory.CreateVoteAsync(c, "加装电梯", new CivilCodeMajor(), Scope.OfBuilding(c.Building("1").Id), TimeSpan.FromHours(1), objectionDays: 3);
        await factory.RecordAsync(vote.Id, c, c.Flat("1-1-101").Id, Choice.Agree);
        factory.Clock.Offset = TimeSpan.FromHours(2);
        Assert.True(await factory.CloseAsync(vote.Id));
        var url = $"/c/{c.Code}/votes/{vote.Id}/result";

        var (_, outsider) = await factory.ResidentAsync(c, c.Flat("2-1-101"));
        var refused = await outsider.SubmitFormAsync(url, new Dictionary<string, string> { ["ObjectionText"] = "我不同意" }, "#objection-form");
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("只有本次表决范围内的业主可以提出异议", (await FormClient.ParseAsync(refused)).QuerySelector("#result-error")!.TextContent);
        Assert.Equal(0, await factory.WithDb(db => db.Set<Objection>().CountAsync(o => o.VoteId == vote.Id)));

        var (_, insider) = await factory.ResidentAsync(c, c.Flat("1-1-101"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect,
            (await insider.SubmitFormAsync(url, new Dictionary<string, string> { ["ObjectionText"] = "请公布纸质票" }, "#objection-form")).StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.Set<Objection>().CountAsync(o => o.VoteId == vote.Id)));
        Assert.True((await factory.VerifyAsync(vote.Id)).Ok);
    }
}
