using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Funding;
using Portal.Tests.Funding;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>50 identical pledge posts at once (double clicks, a flaky network): every one gets the first post's answer.</summary>
public sealed class DuplicatePledgeTests : IAsyncLifetime
{
    private readonly FundingFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Fifty_parallel_identical_pledges_all_get_the_same_redirect_and_one_pledge_is_kept()
    {
        var s = await FundingScenario.CreateAsync(_factory, "DUPP");
        var (_, owner) = await _factory.ResidentAsync(s.Compound, s.Compound.Flat("1-1-601"));
        var url = $"/c/{s.Compound.Code}/funding/{s.PlanItemId}";
        var page = await owner.GetDocumentAsync(url);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() =>
            owner.SubmitFormAsync(page, new Dictionary<string, string> { ["Input.Method"] = "Offline" }, "#pledge-form"))));

        var outcomes = answers.Select(a => $"{(int)a.StatusCode} {a.Headers.Location}").ToList();
        Assert.All(outcomes, o => Assert.Equal($"302 {url}", o));
        Assert.Equal(1, await _factory.WithDb(db => db.Set<Pledge>().CountAsync(p => p.CampaignId == s.CampaignId)));
        var after = await owner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
