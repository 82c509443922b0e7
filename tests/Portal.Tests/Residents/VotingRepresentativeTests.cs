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
}
