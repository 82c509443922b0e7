using Portal.Domain.Funding;
using AngleSharp.Dom;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Files;
using Portal.Notifications;
using Portal.Tests.Files;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

public sealed class ProposalPageTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;
    private static string Code() => "P" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task A_tenant_proposes_for_their_entrance_with_photos_stripped_of_gps()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, tenant) = await Factory.ResidentAsync(compound, compound.Flat("1-2-301"), ResidentRelation.Tenant);
        var entrance = compound.Entrance("1", "2");

        var response = await tenant.ProposeAsync(compound.Code, new Dictionary<string, string>
        {
            ["Input.Title"] = "电动自行车充电棚",
            ["Input.Description"] = "北侧空地建**充电棚**",
            ["Input.Category"] = nameof(ProposalCategory.EBikeCharging),
            ["Input.Scope"] = $"e:{entrance.Id}",
            ["Input.EstimatedCostYuan"] = "12000.50",
            ["Input.CostSharing"] = nameof(CostSharingMethod.Voluntary),
        }, ("a.jpg", UploadCheckTests.JpegWithGps()), ("b.jpg", UploadCheckTests.JpegWithGps(32, 32)));

        var proposal = await Factory.ProposalAsync(ProposalTestKit.IdFrom(response));
        Assert.Equal(ProposalStatus.Published, proposal.Status);
        Assert.Equal(ScopeKind.Entrance, proposal.ScopeKind);
        Assert.Equal(entrance.Id, proposal.EntranceId);
        Assert.Equal(1_200_050, proposal.EstimatedCostFen);
        Assert.Equal(2, proposal.Photos.Count);
        var stored = await Factory.WithDb(db => db.Set<StoredFile>().Where(f => proposal.Photos.Select(p => p.StoredFileId).Contains(f.Id)).ToListAsync());
        Assert.All(stored, f => Assert.DoesNotContain("GPSLatitude", System.Text.Encoding.ASCII.GetString(f.Content)));

        var page = await tenant.GetDocumentAsync($"/c/{compound.Code}/proposals/{proposal.Id}");
        Assert.Equal(2, page.QuerySelectorAll("img.proposal-photo").Length);
        Assert.NotNull(page.QuerySelector("#proposal-description strong"));
    }

    [Fact]
    public async Task Script_injection_in_the_description_is_neutralised()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var evil = "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(2)) and <a href=\"javascript:alert(3)\">raw</a>\n\n[ok](https://example.com)\n\n![pixel](https://tracker.example/p.png)";
        var response = await resident.ProposeAsync(compound.Code, new Dictionary<string, string>
        {
            ["Input.Title"] = "<b>标题</b>",
            ["Input.Description"] = evil,
        });
        var id = ProposalTestKit.IdFrom(response);

        var html = await (await resident.GetAsync($"/c/{compound.Code}/proposals/{id}")).BodyAsync();
        var page = await resident.GetDocumentAsync($"/c/{compound.Code}/proposals/{id}");
        var description = page.QuerySelector("#proposal-description")!;
        Assert.Empty(description.QuerySelectorAll("script"));
        Assert.Empty(description.QuerySelectorAll("img"));
        Assert.DoesNotContain(description.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(description.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(description.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://example.com");
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal("<b>标题</b>", page.QuerySelector("#proposal-title")!.TextContent);
    }

    [Fact]
    public async Task A_renamed_exe_photo_is_refused_with_a_message_and_the_form_keeps_its_text()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (userId, resident) = await Factory.ResidentAsync(compound, compound.Flat("2-1-201"), ResidentRelation.Tenant);
        var response = await resident.ProposeAsync(compound.Code, new Dictionary<string, string>
        {
            ["Input.Title"] = "增设监控",
            ["Input.Description"] = "车棚经常丢车，建议加装摄像头。",
            ["Input.Category"] = nameof(ProposalCategory.Cameras),
        }, ("good.jpg", UploadCheckTests.JpegWithGps()), ("photo.jpg", ProposalTestKit.Executable));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("photo.jpg", page.QuerySelector("#photos-error")!.TextContent);
        Assert.Contains("JPEG", page.QuerySelector("#photos-error")!.TextContent);
        Assert.Equal("增设监控", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#proposal-title")!.Value);
        Assert.Equal("车棚经常丢车，建议加装摄像头。", page.QuerySelector("#proposal-description")!.TextContent.Trim());
        Assert.Equal(nameof(ProposalCategory.Cameras), page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#proposal-category")!.Value);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<Proposal>().CountAsync(p => p.AuthorId == userId)));
        Assert.Equal(0, await Factory.WithDb(db => db.Set<StoredFile>().CountAsync(f => f.UploadedBy == userId)));
    }

    [Fact]
    public async Task A_seventh_photo_is_refused()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var photos = Enumerable.Range(1, 7).Select(i => ($"{i}.jpg", UploadCheckTests.JpegWithGps())).ToArray();
        var response = await resident.ProposeAsync(compound.Code, new Dictionary<string, string> { ["Input.Title"] = "绿化", ["Input.Description"] = "种树" }, photos);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("6", (await FormClient.ParseAsync(response)).QuerySelector("#photos-error")!.TextContent);
    }

    [Fact]
    public async Task Proposing_for_another_building_is_refused()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var response = await resident.ProposeAsync(compound.Code, new Dictionary<string, string>
        {
            ["Input.Title"] = "加装电梯", ["Input.Description"] = "为2号楼加装电梯", ["Input.Scope"] = $"b:{compound.Building("2").Id}",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await Factory.WithDb(db => db.Set<Proposal>().CountAsync(p => p.CompoundId == compound.Id)));
    }

    [Fact]
    public async Task Support_past_the_threshold_sends_to_review_and_tells_the_committee_once()
    {
        // 24 flats × 5% = 2 → the minimum of 3 supporters applies.
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"), ResidentRelation.Tenant);
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var neighbours = await Factory.NeighboursAsync(compound, "1-1-102", "1-2-201", "2-1-301");

        // A double click: the second press of the same (stale) form counts nothing.
        var page = await neighbours[0].Client.GetDocumentAsync(url);
        await neighbours[0].Client.SubmitFormAsync(page, new Dictionary<string, string>(), "form[action*='handler=Support']");
        await neighbours[0].Client.SubmitFormAsync(page, new Dictionary<string, string>(), "form[action*='handler=Support']");
        Assert.Equal(1, (await Factory.ProposalAsync(proposal.Id)).SupportCount);

        await neighbours[1].Client.PressAsync(url, "support-button");
        Assert.Equal(ProposalStatus.Published, (await Factory.ProposalAsync(proposal.Id)).Status);
        await neighbours[2].Client.PressAsync(url, "support-button");

        var after = await Factory.ProposalAsync(proposal.Id);
        Assert.Equal(ProposalStatus.UnderReview, after.Status);
        Assert.Equal(3, after.SupportCount);
        Assert.Equal(3, await Factory.WithDb(db => db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposal.Id)));
        var events = await Factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.CompoundId == compound.Id).ToListAsync());
        var told = Assert.Single(events, e => e.Kind == NotificationKind.ProposalThresholdReached);
        Assert.Equal(AudienceKind.Role, told.Audience.Kind);
        Assert.Equal(CompoundRoleKind.Committee, told.Audience.Role);
        var changed = Assert.Single(events, e => e.Kind == NotificationKind.ProposalStatusChanged);
        Assert.Contains(authorId, changed.Audience.UserIds!);
        Assert.Contains(neighbours[2].UserId, changed.Audience.UserIds!);

        // Support can no longer be withdrawn once the threshold is reached.
        var withdrawn = await neighbours[0].Client.GetDocumentAsync(url);
        Assert.Null(withdrawn.QuerySelector("#withdraw-button"));
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var review = await committee.GetDocumentAsync($"/c/{compound.Code}/proposals/review");
        Assert.NotNull(review.QuerySelector($"#review-waiting [data-id='{proposal.Id}']"));
    }

    [Fact]
    public async Task Support_counts_once_per_household_so_a_second_resident_of_the_flat_is_told_so()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var flat = compound.Flat("2-1-301");
        var (ownerId, owner) = await Factory.ResidentAsync(compound, flat);
        var (tenantId, tenant) = await Factory.ResidentAsync(compound, flat, ResidentRelation.Tenant);

        await owner.PressAsync(url, "support-button");
        var second = await tenant.PressAsync(url, "support-button");
        var shown = await tenant.GetDocumentAsync(second.Headers.Location!.ToString());
        Assert.Contains("每户只计一次", shown.Body!.TextContent);

        Assert.Equal(1, (await Factory.ProposalAsync(proposal.Id)).SupportCount);
        var supports = await Factory.WithDb(db => db.Set<ProposalSupport>().Where(s => s.ProposalId == proposal.Id).ToListAsync());
        var only = Assert.Single(supports);
        Assert.Equal((ownerId, (long?)flat.Id), (only.UserId, only.FlatId));
        Assert.DoesNotContain(supports, s => s.UserId == tenantId);

        // Once the owner withdraws, the household may support again through the tenant.
        await owner.PressAsync(url, "withdraw-button");
        await tenant.PressAsync(url, "support-button");
        Assert.Equal(tenantId, (await Factory.WithDb(db => db.Set<ProposalSupport>().SingleAsync(s => s.ProposalId == proposal.Id))).UserId);
    }

    [Fact]
    public async Task Support_is_withdrawable_before_the_threshold()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var (userId, client) = await Factory.ResidentAsync(compound, compound.Flat("2-2-302"));
        await client.PressAsync(url, "support-button");
        Assert.Equal(1, (await Factory.ProposalAsync(proposal.Id)).SupportCount);
        await client.PressAsync(url, "withdraw-button");
        Assert.Equal(0, (await Factory.ProposalAsync(proposal.Id)).SupportCount);
        Assert.False(await Factory.WithDb(db => db.Set<ProposalSupport>().AnyAsync(s => s.UserId == userId)));
    }

    [Fact]
    public async Task Residents_outside_an_entrance_scope_cannot_support_it()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId, "加装电梯", Scope.OfEntrance(compound.Building("1").Id, compound.Entrance("1", "1").Id), ProposalCategory.Elevator);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var (_, outsider) = await Factory.ResidentAsync(compound, compound.Flat("1-2-101"));
        var page = await outsider.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#support-button"));
        // Even a hand-made post is refused.
        var (_, insider) = await Factory.ResidentAsync(compound, compound.Flat("1-1-201"));
        var form = await insider.GetDocumentAsync(url);
        await outsider.SubmitFormAsync(form, new Dictionary<string, string>(), "form[action*='handler=Support']");
        Assert.Equal(0, (await Factory.ProposalAsync(proposal.Id)).SupportCount);
    }

    [Fact]
    public async Task The_committee_accepts_to_a_vote_which_puts_an_upgrade_on_the_plan_and_tells_author_and_supporters()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId, "电动汽车充电桩", category: ProposalCategory.EvChargers);
        var (supporterId, supporter) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        await supporter.PressAsync($"/c/{compound.Code}/proposals/{proposal.Id}", "support-button");
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var reviewUrl = $"/c/{compound.Code}/proposals/{proposal.Id}/review";

        await committee.PressAsync(reviewUrl, "take-up");
        var refused = await committee.PressAsync(reviewUrl, "accept-submit", new Dictionary<string, string> { ["Accept.CostYuan"] = "abc" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("abc", (await FormClient.ParseAsync(refused)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#accept-cost")!.Value);

        var response = await committee.PressAsync(reviewUrl, "accept-submit", new Dictionary<string, string>
        {
            ["Accept.CostYuan"] = "200000", ["Accept.CostSharing"] = nameof(CostSharingMethod.ByArea), ["Accept.Note"] = "下月表决",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var accepted = await Factory.ProposalAsync(proposal.Id);
        Assert.Equal(ProposalStatus.AcceptedToVote, accepted.Status);
        Assert.Equal(20_000_000, accepted.AcceptedCostFen);
        var item = await Factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.ProposalId == proposal.Id));
        // EV charging is 完善类 (国办发〔2020〕23号), not 提升类
        Assert.Equal(PlanCategory.Improvement, item.Category);
        Assert.Equal(20_000_000, item.BudgetFen);
        var last = await Factory.WithDb(db => db.Set<NotificationEvent>().Where(e => e.Kind == NotificationKind.ProposalStatusChanged && e.CompoundId == compound.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, last.Count);
        Assert.Equal(new[] { authorId, supporterId }.Order(), last[^1].Audience.UserIds!.Order());

        var page = await author.GetDocumentAsync($"/c/{compound.Code}/proposals/{proposal.Id}");
        Assert.Equal(
            [nameof(ProposalStatus.Draft), nameof(ProposalStatus.Published), nameof(ProposalStatus.UnderReview), nameof(ProposalStatus.AcceptedToVote)],
            page.QuerySelectorAll(".timeline-entry").Select(e => e.GetAttribute("data-status")!));
        Assert.Contains("下月表决", page.QuerySelector("#timeline")!.TextContent);
        var plan = await author.GetDocumentAsync($"/c/{compound.Code}/plan");
        Assert.NotNull(plan.QuerySelector($"#plan-improvement .plan-item[data-id='{item.Id}']"));
    }

    [Fact]
    public async Task Merging_carries_supporters_over_without_duplicates()
    {
        var compound = await Factory.CreateCompoundAsync(Code(), buildings: 4);
        var (aId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var (bId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        var source = await Factory.PublishedAsync(compound, aId, "充电桩A");
        var target = await Factory.PublishedAsync(compound, bId, "充电桩B");
        var both = await Factory.NeighboursAsync(compound, "2-1-101");
        var onlySource = await Factory.NeighboursAsync(compound, "2-1-102");
        await both[0].Client.PressAsync($"/c/{compound.Code}/proposals/{source.Id}", "support-button");
        await both[0].Client.PressAsync($"/c/{compound.Code}/proposals/{target.Id}", "support-button");
        await onlySource[0].Client.PressAsync($"/c/{compound.Code}/proposals/{source.Id}", "support-button");

        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var response = await committee.PressAsync($"/c/{compound.Code}/proposals/{source.Id}/review", "merge-submit",
            new Dictionary<string, string> { ["targetId"] = target.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(ProposalStatus.Merged, (await Factory.ProposalAsync(source.Id)).Status);
        var supporters = await Factory.WithDb(db => db.Set<ProposalSupport>().Where(s => s.ProposalId == target.Id).Select(s => s.UserId).ToListAsync());
        Assert.Equal(new[] { both[0].UserId, onlySource[0].UserId }.Order(), supporters.Order());
        Assert.Equal(2, (await Factory.ProposalAsync(target.Id)).SupportCount);
        var page = await committee.GetDocumentAsync($"/c/{compound.Code}/proposals/{source.Id}");
        Assert.Contains("充电桩B", page.QuerySelector(".alert-info")!.TextContent);
    }

    [Fact]
    public async Task A_proposal_accepted_to_a_vote_puts_its_whole_description_on_the_plan_item_without_cutting_it()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var description = string.Concat(Enumerable.Repeat("每栋楼下增设电动自行车充电车棚。", 500))[..Proposal.DescriptionMaxLength];
        var proposal = await Factory.PublishedAsync(compound, authorId, "电动自行车充电", category: ProposalCategory.EBikeCharging, description: description);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var reviewUrl = $"/c/{compound.Code}/proposals/{proposal.Id}/review";
        await committee.PressAsync(reviewUrl, "take-up");
        var response = await committee.PressAsync(reviewUrl, "accept-submit", new Dictionary<string, string>
        {
            ["Accept.CostYuan"] = "50000", ["Accept.CostSharing"] = nameof(CostSharingMethod.ByArea),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await Factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.ProposalId == proposal.Id));
        Assert.Equal(Proposal.DescriptionMaxLength, item.Description.Length);
        Assert.Equal(description, item.Description);
    }

    [Fact]
    public async Task A_decline_shows_its_public_reason_and_cannot_be_accepted_later()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var reviewUrl = $"/c/{compound.Code}/proposals/{proposal.Id}/review";
        var empty = await committee.PressAsync(reviewUrl, "decline-submit", new Dictionary<string, string> { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        await committee.PressAsync(reviewUrl, "decline-submit", new Dictionary<string, string> { ["reason"] = "已列入基础类改造" });
        var page = await author.GetDocumentAsync($"/c/{compound.Code}/proposals/{proposal.Id}");
        Assert.Contains("已列入基础类改造", page.QuerySelector("#decline-reason")!.TextContent);
        var review = await committee.GetDocumentAsync(reviewUrl);
        Assert.Null(review.QuerySelector("#accept-submit"));
    }

    [Fact]
    public async Task Hidden_comments_show_the_reason_to_their_author_and_hidden_to_others()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var (_, writer) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        var (_, reader) = await Factory.ResidentAsync(compound, compound.Flat("1-1-201"));
        await writer.PressAsync(url, "comment-submit", new Dictionary<string, string> { ["body"] = "出售二手车，联系我" });
        var commentId = await Factory.WithDb(db => db.Set<ProposalComment>().Where(c => c.ProposalId == proposal.Id).Select(c => c.Id).SingleAsync());

        // A reply, one level deep, and a report.
        var page = await reader.GetDocumentAsync(url);
        await reader.SubmitFormAsync(page, new Dictionary<string, string> { ["body"] = "这是广告" }, $"#comment-{commentId} ~ div form.reply-form");
        await reader.SubmitFormAsync(page, new Dictionary<string, string>(), $"#comment-{commentId} form.report-comment");
        Assert.Equal(1, await Factory.WithDb(db => db.Set<ProposalComment>().Where(c => c.Id == commentId).Select(c => c.ReportCount).SingleAsync()));
        Assert.Equal(1, await Factory.WithDb(db => db.Set<ProposalComment>().CountAsync(c => c.ParentId == commentId)));

        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var committeePage = await committee.GetDocumentAsync(url);
        Assert.Contains("1", committeePage.QuerySelector($"#comment-{commentId} .badge")!.TextContent);
        await committee.SubmitFormAsync(committeePage, new Dictionary<string, string> { ["reason"] = "广告内容" }, $"#comment-{commentId} form.hide-comment");

        var seenByWriter = await writer.GetDocumentAsync(url);
        Assert.Contains("广告内容", seenByWriter.QuerySelector($"#comment-{commentId} .comment-hidden")!.TextContent);
        var seenByReader = await reader.GetDocumentAsync(url);
        Assert.NotNull(seenByReader.QuerySelector($"#comment-{commentId} .comment-hidden"));
        Assert.DoesNotContain("广告内容", seenByReader.QuerySelector($"#comment-{commentId}")!.TextContent);
        Assert.DoesNotContain("出售二手车", seenByReader.QuerySelector($"#comment-{commentId}")!.TextContent);
        Assert.Null(seenByReader.QuerySelector($"#comment-{commentId} + div .reply-form"));
    }

    [Fact]
    public async Task A_sixth_comment_within_a_minute_is_refused_and_its_text_kept()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var (userId, talker) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        for (var i = 1; i <= 5; i++)
        {
            var ok = await talker.PressAsync(url, "comment-submit", new Dictionary<string, string> { ["body"] = $"第{i}条" });
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var refused = await talker.PressAsync(url, "comment-submit", new Dictionary<string, string> { ["body"] = "第6条" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Contains("5", page.QuerySelector("#comment-error")!.TextContent);
        Assert.Equal("第6条", page.QuerySelector("#comment-body")!.TextContent);
        Assert.Equal(5, await Factory.WithDb(db => db.Set<ProposalComment>().CountAsync(c => c.AuthorId == userId)));
    }

    [Fact]
    public async Task The_author_edits_a_comment_and_my_proposals_lists_what_i_did()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var mineProposal = await Factory.PublishedAsync(compound, authorId, "我的提案");
        var (otherId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-102"));
        var supported = await Factory.PublishedAsync(compound, otherId, "邻居的提案");
        var commented = await Factory.PublishedAsync(compound, otherId, "另一个提案");
        await author.PressAsync($"/c/{compound.Code}/proposals/{supported.Id}", "support-button");
        await author.PressAsync($"/c/{compound.Code}/proposals/{commented.Id}", "comment-submit", new Dictionary<string, string> { ["body"] = "赞成" });
        var page = await author.GetDocumentAsync($"/c/{compound.Code}/proposals/{commented.Id}");
        await author.SubmitFormAsync(page, new Dictionary<string, string> { ["body"] = "非常赞成" }, "form.edit-comment");
        Assert.Equal("非常赞成", await Factory.WithDb(db => db.Set<ProposalComment>().Where(c => c.AuthorId == authorId).Select(c => c.Body).SingleAsync()));

        var mine = await author.GetDocumentAsync($"/c/{compound.Code}/proposals/mine");
        Assert.Contains("我的提案", mine.QuerySelector("#mine-proposed")!.TextContent);
        Assert.Contains("邻居的提案", mine.QuerySelector("#mine-supported")!.TextContent);
        Assert.Contains("另一个提案", mine.QuerySelector("#mine-commented")!.TextContent);
        Assert.DoesNotContain("另一个提案", mine.QuerySelector("#mine-supported")!.TextContent);
        _ = mineProposal;
    }

    [Fact]
    public async Task The_list_filters_searches_sorts_and_pages()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, author) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        for (var i = 0; i < 22; i++) await Factory.PublishedAsync(compound, authorId, $"路灯{i}");
        var ev = await Factory.PublishedAsync(compound, authorId, "充电桩", category: ProposalCategory.EvChargers);
        await Factory.NeighboursAsync(compound, "1-1-102").ContinueWith(async t => await t.Result[0].Client.PressAsync($"/c/{compound.Code}/proposals/{ev.Id}", "support-button")).Unwrap();
        var draft = await Factory.WithDb(async db =>
        {
            var p = new Proposal(compound.Id, authorId, "草稿提案", "d", ProposalCategory.Other, Scope.WholeCompound, null, null, DateTimeOffset.UtcNow);
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        var baseUrl = $"/c/{compound.Code}/proposals";

        var first = await author.GetDocumentAsync(baseUrl);
        Assert.Equal(20, first.QuerySelectorAll(".proposal-item").Length);
        Assert.NotNull(first.QuerySelector("#next-page"));
        var second = await author.GetDocumentAsync(baseUrl + "?p=2");
        Assert.Equal(4, second.QuerySelectorAll(".proposal-item").Length); // 23 published + the author's own draft

        var byCategory = await author.GetDocumentAsync(baseUrl + "?Category=EvChargers");
        Assert.Equal(ev.Id.ToString(), Assert.Single(byCategory.QuerySelectorAll(".proposal-item")).GetAttribute("data-id"));
        var search = await author.GetDocumentAsync(baseUrl + "?Q=" + Uri.EscapeDataString("充电"));
        Assert.Single(search.QuerySelectorAll(".proposal-item"));
        var supportedFirst = await author.GetDocumentAsync(baseUrl + "?Sort=supported");
        Assert.Equal(ev.Id.ToString(), supportedFirst.QuerySelector(".proposal-item")!.GetAttribute("data-id"));
        var byStatus = await author.GetDocumentAsync(baseUrl + "?Status=Draft");
        Assert.Equal(draft.Id.ToString(), Assert.Single(byStatus.QuerySelectorAll(".proposal-item")).GetAttribute("data-id"));

        // Others do not see someone's draft, in the list or by address.
        var (_, neighbour) = await Factory.ResidentAsync(compound, compound.Flat("2-2-302"));
        Assert.Empty((await neighbour.GetDocumentAsync(baseUrl + "?Status=Draft")).QuerySelectorAll(".proposal-item"));
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"{baseUrl}/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_committee_adds_a_basic_plan_item_and_residents_see_it()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (_, committee) = await Factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var response = await committee.SubmitFormAsync($"/c/{compound.Code}/plan/item", new Dictionary<string, string>
        {
            ["Input.Category"] = nameof(PlanCategory.Basic), ["Input.Title"] = "屋面防水", ["Input.Scope"] = $"b:{compound.Building("1").Id}",
            ["Input.BudgetYuan"] = "350000", ["Input.PlannedStart"] = "2026-06-01", ["Input.PlannedEnd"] = "2026-05-01",
        }, "#plan-item-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // end before start
        Assert.Equal("屋面防水", (await FormClient.ParseAsync(response)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#plan-title")!.Value);

        response = await committee.SubmitFormAsync($"/c/{compound.Code}/plan/item", new Dictionary<string, string>
        {
            ["Input.Category"] = nameof(PlanCategory.Basic), ["Input.Title"] = "屋面防水", ["Input.Scope"] = $"b:{compound.Building("1").Id}",
            ["Input.BudgetYuan"] = "350000", ["Input.PlannedStart"] = "2026-06-01", ["Input.PlannedEnd"] = "2026-08-01",
        }, "#plan-item-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var item = await Factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.CompoundId == compound.Id));
        Assert.Equal(35_000_000, item.BudgetFen);
        Assert.Equal(PlanCategory.Basic, item.Category);

        var upgrade = await committee.SubmitFormAsync($"/c/{compound.Code}/plan/item", new Dictionary<string, string>
        {
            ["Input.Category"] = nameof(PlanCategory.Upgrade), ["Input.Title"] = "偷偷加的提升项",
        }, "#plan-item-form");
        Assert.Equal(HttpStatusCode.OK, upgrade.StatusCode);

        await committee.SubmitFormAsync($"/c/{compound.Code}/plan/item/{item.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "屋面防水（1号楼）", ["Input.MoveTo"] = nameof(PlanItemStatus.Approved),
        }, "#plan-item-form");
        var revised = await Factory.WithDb(db => db.Set<PlanItem>().SingleAsync(i => i.Id == item.Id));
        Assert.Equal(PlanItemStatus.Approved, revised.Status);

        var (_, resident) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"), ResidentRelation.Tenant);
        var plan = await resident.GetDocumentAsync($"/c/{compound.Code}/plan");
        Assert.Contains("屋面防水（1号楼）", plan.QuerySelector("#plan-basic")!.TextContent);
        Assert.Null(plan.QuerySelector("#plan-add"));
        Assert.Contains("/account/access-denied", (await resident.GetAsync($"/c/{compound.Code}/plan/item")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Simultaneous_supporters_each_count_once_and_the_committee_is_told_once()
    {
        var compound = await Factory.CreateCompoundAsync(Code());
        var (authorId, _) = await Factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var proposal = await Factory.PublishedAsync(compound, authorId);
        var url = $"/c/{compound.Code}/proposals/{proposal.Id}";
        var neighbours = await Factory.NeighboursAsync(compound, "1-1-102", "1-1-201", "1-1-202", "1-1-301", "1-1-302");
        var pages = await Task.WhenAll(neighbours.Select(n => n.Client.GetDocumentAsync(url)));
        // Each neighbour presses twice at once, all together.
        await Task.WhenAll(neighbours.SelectMany((n, i) => new[]
        {
            n.Client.SubmitFormAsync(pages[i], new Dictionary<string, string>(), "form[action*='handler=Support']"),
            n.Client.SubmitFormAsync(pages[i], new Dictionary<string, string>(), "form[action*='handler=Support']"),
        }));

        var after = await Factory.ProposalAsync(proposal.Id);
        Assert.Equal(5, await Factory.WithDb(db => db.Set<ProposalSupport>().CountAsync(s => s.ProposalId == proposal.Id)));
        Assert.Equal(5, after.SupportCount);
        Assert.Equal(ProposalStatus.UnderReview, after.Status);
        Assert.Single(after.Timeline, t => t.Status == ProposalStatus.UnderReview);
        Assert.Equal(1, await Factory.WithDb(db => db.Set<NotificationEvent>().CountAsync(e => e.CompoundId == compound.Id && e.Kind == NotificationKind.ProposalThresholdReached)));
    }
}
