using System.Net;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

public sealed class ResultPendingTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_result_of_an_open_vote_says_when_it_will_be_published_and_links_to_the_vote_instead_of_a_404()
    {
        var compound = await Factory.CreateCompoundAsync("RP" + Guid.NewGuid().ToString("N")[..6], buildings: 1, entrances: 1, floors: 1);
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var vote = await Factory.CreateVoteAsync(compound, "楼道照明改造", new CivilCodeOrdinary(), Scope.WholeCompound, closesIn: TimeSpan.FromDays(14));

        var response = await resident.GetAsync($"/c/{compound.Code}/votes/{vote.Id}/result", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await resident.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var closes = Shanghai.ToLocal(vote.ClosesAt);
        Assert.Equal($"表决进行中，结果将于{closes.Year}年{closes.Month}月{closes.Day}日投票截止后公布。", page.QuerySelector("#result-pending")!.TextContent.Trim());
        Assert.Equal($"/c/{compound.Code}/votes/{vote.Id}", page.QuerySelector("#result-pending-vote")!.GetAttribute("href"));

        var missing = await resident.GetAsync($"/c/{compound.Code}/votes/987654/result", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
