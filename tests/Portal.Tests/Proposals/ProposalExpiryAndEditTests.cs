using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Proposals;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

/// <summary>A proposal expires at the end of its support period; the author edits a draft.</summary>
public sealed class ProposalExpiryAndEditTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static string Code() => "X" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private Task<Proposal> PublishedLongAgoAsync(TestCompound compound, string authorId) => Factory.WithDb(async db =>
    {
        var at = DateTimeOffset.UtcNow - Proposal.SupportPeriod - TimeSpan.FromHours(1);
        var p = new Proposal(compound.Id, authorId, "加装路灯", "夜里太黑", ProposalCategory.Lighting, Scope.WholeCompound, null, null, at);
        p.Publish(at, authorId);
        db.Add(p);
        await db.SaveChangesAsync();
        return p;
    });

    [Fact]
    public void A_proposal_expires_exactly_at_the_end_of_its_support_period_and_only_while_collecting_support()
    {
        var p = new Proposal(1, "author", "充电棚", "北侧空地", ProposalCategory.EBikeCharging, Scope.WholeCompound, null, null, T0);
        Assert.False(p.ExpireIfDue(T0.AddDays(100)));
        p.Publish(T0, "author");
        var inside = new Membership(true, false, false, [], [new FlatTie(1, 1, 1, 1, ResidentRelation.Owner)]);
        Assert.False(p.ExpireIfDue(T0.AddDays(60).AddTicks(-1)));
        Assert.True(p.CanBeSupportedBy(inside, "neighbour", T0.AddDays(60).AddTicks(-1)));
        Assert.False(p.CanBeSupportedBy(inside, "neighbour", T0.AddDays(60)));
        Assert.Equal(ProposalStatus.Expired, p.StatusAt(T0.AddDays(60)));
        Assert.True(p.ExpireIfDue(T0.AddDays(60)));
        Assert.Equal(ProposalStatus.Expired, p.Status);
        Assert.Equal(ProposalStatus.Expired, p.Timeline[^1].Status);
        Assert.False(p.ExpireIfDue(T0.AddDays(61)));
        Assert.False(p.CanBeSupportedBy(inside, "neighbour"));

        var reviewed = new Proposal(1, "author", "充电棚", "北侧空地", ProposalCategory.EBikeCharging, Scope.WholeCompound, null, null, T0);
        reviewed.Publish(T0, "author");
        reviewed.SendToReview(T0.AddDays(1), "committee");
        Assert.False(reviewed.ExpireIfDue(T0.AddDays(90)));
        Assert.Equal(ProposalStatus.UnderReview, reviewed.Status);
    }

    [Fact]
    public async Task After_its_support_period_a_proposal_shows_as_expired_and_takes_no_more_support()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (_, neighbour) = await Factory.ResidentAsync(compound, compound.Flat("2-1-301"));
        var open = await Factory.PublishedAsync(compound, authorId);
        var expired = await PublishedLongAgoAsync(compound, authorId);

        var openPage = await neighbour.GetDocumentAsync($"/c/{compound.Code}/proposals/{open.Id}");
        Assert.NotNull(openPage.QuerySelector("#support-button"));
        Assert.Contains("附议截止", openPage.QuerySelector("#support-closes")!.TextContent);

        var url = $"/c/{compound.Code}/proposals/{expired.Id}";
        var page = await neighbour.GetDocumentAsync(url);
        Assert.Equal("附议期已结束", page.QuerySelector("#proposal-status")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#support-button"));
        Assert.NotNull(page.QuerySelector("#support-expired"));

        // A form kept open from before the end: the post is refused with the reason, and the proposal is expired on the spot.
        var response = await neighbour.SubmitFormAsync(openPage, new Dictionary<string, string>(), "form[action*='handler=Support']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stale = openPage.QuerySelector<IHtmlFormElement>("form[action*='handler=Support']")!;
        stale.Action = stale.Action.Replace($"/proposals/{open.Id}", $"/proposals/{expired.Id}");
        var refused = await neighbour.SubmitFormAsync(openPage, new Dictionary<string, string>(), "form[action*='handler=Support']");
        var shown = await neighbour.GetDocumentAsync(refused.Headers.Location!.ToString());
        Assert.Contains("附议期已结束，不能再附议", shown.Body!.TextContent);
        var after = await Factory.ProposalAsync(expired.Id);
        Assert.Equal(ProposalStatus.Expired, after.Status);
        Assert.Equal(0, after.SupportCount);
        Assert.Equal(1, (await Factory.ProposalAsync(open.Id)).SupportCount);
    }

    [Fact]
    public async Task The_hourly_sweep_expires_due_proposals_once_and_tells_author_and_supporters()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var expired = await PublishedLongAgoAsync(compound, authorId);
        var open = await Factory.PublishedAsync(compound, authorId);

        var first = await Factory.Scoped(sp => sp.GetRequiredService<ExpireProposals>().ExpireDueAsync(default));
        var second = await Factory.Scoped(sp => sp.GetRequiredService<ExpireProposals>().ExpireDueAsync(default));
        Assert.True(first >= 1);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<Proposal>().CountAsync(p => p.Id == expired.Id && p.Status != ProposalStatus.Expired)));
        Assert.Equal(ProposalStatus.Published, (await Factory.ProposalAsync(open.Id)).Status);
        Assert.Equal(0, second);
        Assert.Single((await Factory.ProposalAsync(expired.Id)).Timeline, e => e.Status == ProposalStatus.Expired);
    }

    [Fact]
    public async Task The_author_edits_a_draft_and_bad_input_keeps_what_was_typed()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("2-1-301"));
        var response = await author.ProposeAsync(compound.Code, new Dictionary<string, string>
        {
            ["Input.Title"] = "充电棚", ["Input.Description"] = "北侧空地", ["Input.Action"] = "draft",
        });
        var id = ProposalTestKit.IdFrom(response);
        // ProposeAsync posts "publish" unless told: make sure it is a draft.
        if ((await Factory.ProposalAsync(id)).Status != ProposalStatus.Draft)
        {
            await Factory.WithDb(async db =>
            {
                db.Add(new Proposal(compound.Id, authorId, "充电棚", "北侧空地", ProposalCategory.Other, Scope.WholeCompound, null, null, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            });
            id = await Factory.WithDb(db => db.Set<Proposal>().Where(p => p.AuthorId == authorId && p.Status == ProposalStatus.Draft).Select(p => p.Id).FirstAsync());
        }
        var detail = await author.GetDocumentAsync($"/c/{compound.Code}/proposals/{id}");
        Assert.NotNull(detail.QuerySelector("#edit-draft"));

        var edit = $"/c/{compound.Code}/proposals/{id}/edit";
        var form = await author.GetDocumentAsync(edit);
        Assert.Equal("充电棚", form.QuerySelector<IHtmlInputElement>("#proposal-title")!.Value);

        var bad = await author.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "2号楼电动自行车充电棚", ["Input.Description"] = "北侧空地建充电棚", ["Input.EstimatedCostYuan"] = "一万",
        }, "#proposal-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var again = await FormClient.ParseAsync(bad);
        Assert.Contains("请填写金额", again.Body!.TextContent);
        Assert.Equal("2号楼电动自行车充电棚", again.QuerySelector<IHtmlInputElement>("#proposal-title")!.Value);
        Assert.Equal("充电棚", (await Factory.ProposalAsync(id)).Title);

        var outside = await author.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "加装电梯", ["Input.Description"] = "1号楼", ["Input.Scope"] = $"b:{compound.Building("1").Id}",
        }, "#proposal-form");
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("只能为全小区或您居住的楼栋", (await FormClient.ParseAsync(outside)).Body!.TextContent);

        var good = await author.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "2号楼电动自行车充电棚", ["Input.Description"] = "北侧空地建充电棚", ["Input.Category"] = nameof(ProposalCategory.EBikeCharging),
            ["Input.Scope"] = $"b:{compound.Building("2").Id}", ["Input.EstimatedCostYuan"] = "30000",
        }, "#proposal-form");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await Factory.ProposalAsync(id);
        Assert.Equal(("2号楼电动自行车充电棚", ProposalCategory.EBikeCharging, ScopeKind.Building, 3_000_000L, ProposalStatus.Draft),
            (saved.Title, saved.Category, saved.ScopeKind, saved.EstimatedCostFen ?? 0, saved.Status));

        // Nobody else may open it, and once published it can no longer be edited.
        var (_, neighbour) = await Factory.ResidentAsync(compound, compound.Flat("2-1-302"));
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(edit)).StatusCode);
        await author.PressAsync($"/c/{compound.Code}/proposals/{id}", "publish-button");
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync(edit)).StatusCode);
    }
}
