using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Features.Notices;
using Portal.Pages.Notices;
using Portal.Tests.Infrastructure;
using Portal.Features.Shared;

namespace Portal.Tests.Notices;

public sealed class NoticeRulesTests
{
    private static Notice Make(NoticeReach reach, long[] targets, DateTimeOffset? publishAt = null, DateTimeOffset? expiresAt = null, bool ack = true) =>
        new(1, "停水通知", "明天 **8:00** 停水", NoticeCategory.Outage, reach, targets, false, ack,
            publishAt ?? DateTimeOffset.UtcNow, expiresAt, "u", DateTimeOffset.UtcNow);

    [Fact]
    public void A_notice_to_some_entrances_covers_only_their_flats()
    {
        var notice = Make(NoticeReach.Entrances, [5, 7]);
        Assert.True(notice.Covers(buildingId: 1, entranceId: 7));
        Assert.False(notice.Covers(buildingId: 1, entranceId: 6));
        Assert.True(Make(NoticeReach.Buildings, [2]).Covers(2, 99));
        Assert.True(Make(NoticeReach.Compound, []).Covers(3, 3));
    }

    [Fact]
    public void A_notice_to_buildings_needs_at_least_one_and_must_expire_after_publication()
    {
        Assert.Equal("notice.no_targets", Assert.Throws<DomainException>(() => Make(NoticeReach.Buildings, [])).Code);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal("notice.expires_before_publish", Assert.Throws<DomainException>(() => Make(NoticeReach.Compound, [], now, now)).Code);
    }

    [Fact]
    public void A_scheduled_notice_publishes_only_at_its_time_and_only_once()
    {
        var now = DateTimeOffset.UtcNow;
        var notice = Make(NoticeReach.Compound, [], publishAt: now.AddHours(1));
        Assert.False(notice.Publish(now));
        Assert.False(notice.IsPublished);
        Assert.True(notice.Publish(now.AddHours(1)));
        Assert.Equal("notice.already_published", Assert.Throws<DomainException>(() => notice.Publish(now.AddHours(2))).Code);
    }

    [Fact]
    public void Only_a_current_notice_that_asks_for_it_can_be_confirmed()
    {
        var now = DateTimeOffset.UtcNow;
        var plain = Make(NoticeReach.Compound, [], ack: false);
        plain.Publish(now);
        Assert.Equal("notice.no_acknowledgement", Assert.Throws<DomainException>(() => plain.CheckCanBeAcknowledged(now)).Code);
        var expiring = Make(NoticeReach.Compound, [], now, now.AddDays(1));
        expiring.Publish(now);
        expiring.CheckCanBeAcknowledged(now);
        Assert.Equal("notice.not_current", Assert.Throws<DomainException>(() => expiring.CheckCanBeAcknowledged(now.AddDays(2))).Code);
    }

    [Fact]
    public void Markdown_is_rendered_and_scripts_are_removed()
    {
        var html = SafeMarkdown.ToHtml("**停水**\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))");
        Assert.Contains("<strong>停水</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }
}

public sealed class NoticePageTests
{
    [Fact]
    public async Task A_manager_posts_to_one_building_residents_there_confirm_and_the_manager_sees_the_share()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("NTC1"); // 2 buildings × 2 entrances × 6 flats
        var (_, manager) = await factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var (residentId, resident) = await factory.ResidentAsync(compound, compound.Flat("1-2-101"), email: "in-building-1@example.com");
        var (_, outsider) = await factory.ResidentAsync(compound, compound.Flat("2-1-101"), email: "in-building-2@example.com");

        var post = await manager.SubmitFormAsync("/c/NTC1/notices/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "1号楼外墙施工",
            ["Input.Body"] = "下周一开始**搭脚手架**。",
            ["Input.Category"] = "Construction",
            ["Input.Reach"] = "Buildings",
            ["Input.BuildingIds"] = compound.Building("1").Id.ToString(),
            ["Input.RequiresAcknowledgement"] = "true",
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var detail = post.Headers.Location!.OriginalString;
        var notice = await factory.WithDb(db => db.Set<Notice>().SingleAsync());
        Assert.NotNull(notice.PublishedAt);

        Assert.Contains("1号楼外墙施工", await (await resident.GetAsync("/c/NTC1/notices")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("1号楼外墙施工", await (await outsider.GetAsync("/c/NTC1/notices")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(detail)).StatusCode);

        var inbox = await Eventually.Until(() => factory.WithDb(db => db.Set<Notification>().Where(n => n.UserId == residentId).ToListAsync()), l => l.Count > 0, "the notice in the resident's inbox");
        Assert.Contains("1号楼外墙施工", Assert.Single(inbox).Title);
        var emails = await Eventually.Until(() => factory.MessagesToAsync("in-building-1@example.com"), l => l.Count > 0, "the notice email to the resident");
        Assert.Equal("notify.NoticePublished", Assert.Single(emails).Kind);
        Assert.Empty(await factory.MessagesToAsync("in-building-2@example.com"));

        var confirm = await resident.SubmitFormAsync(detail, new Dictionary<string, string>(), "#acknowledge form");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.NotNull((await resident.GetDocumentAsync(detail)).QuerySelector("#notice-confirmed"));
        var ack = await factory.WithDb(db => db.Set<NoticeAcknowledgement>().SingleAsync());
        Assert.Equal(compound.Flat("1-2-101").Id, ack.FlatId);

        var page = await manager.GetDocumentAsync(detail);
        Assert.Contains("1 / 12", page.QuerySelector("#share-total")!.TextContent);
        var entranceRows = page.QuerySelectorAll(".share-entrance").Select(r => r.TextContent).ToList();
        Assert.Equal(2, entranceRows.Count);
        Assert.Contains(entranceRows, r => r.Contains("1 / 6"));

        // Reminding reaches the flats that have not confirmed, not the one that has.
        var (otherId, _) = await factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var remind = await manager.SubmitFormAsync(page, new Dictionary<string, string>(), "#confirmation-share form");
        Assert.Equal(HttpStatusCode.Redirect, remind.StatusCode);
        var reminded = await Eventually.Until(() => factory.WithDb(db => db.Set<Notification>().Where(n => n.Kind == NotificationKind.NoticeReminder).Select(n => n.UserId).ToListAsync()), l => l.Count > 0, "a reminder to confirm the notice");
        Assert.Equal([otherId], reminded);
        Assert.Equal(1, (await factory.WithDb(db => db.Set<Notice>().SingleAsync())).Reminders);
    }

    [Fact]
    public async Task Residents_cannot_post_and_a_refused_attachment_keeps_what_was_typed()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("NTC2", buildings: 1, entrances: 1, floors: 1);
        var (_, resident) = await factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var refused = await resident.GetAsync("/c/NTC2/notices/new");
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery);

        var (_, committee) = await factory.RoleHolderAsync(compound, CompoundRoleKind.Committee);
        var page = await committee.GetDocumentAsync("/c/NTC2/notices/new");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("业主大会通知"), "Input.Title" },
            { new StringContent("Meeting"), "Input.Category" },
            { new StringContent("Compound"), "Input.Reach" },
            { new ByteArrayContent("not really a pdf"u8.ToArray()), "Attachments", "agenda.pdf" },
        };
        var response = await committee.PostAsync("/c/NTC2/notices/new", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("agenda.pdf", html);
        Assert.Contains("业主大会通知", html);
        Assert.Equal(0, await factory.WithDb(db => db.Set<Notice>().CountAsync()));
    }

    [Fact]
    public async Task A_scheduled_notice_stays_hidden_until_the_job_publishes_it_at_its_time()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("NTC3", buildings: 1, entrances: 1, floors: 1);
        var (residentId, resident) = await factory.ResidentAsync(compound, compound.Flat("1-1-101"));
        var id = await factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var notice = new Notice(compound.Id, "周六停电", "", NoticeCategory.Outage, NoticeReach.Compound, [], true, false,
                DateTimeOffset.UtcNow.AddSeconds(2), null, residentId, DateTimeOffset.UtcNow);
            db.Add(notice);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NoticeBoard>().PublishOrScheduleAsync(notice, CancellationToken.None);
            return notice.Id;
        });
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/c/NTC3/notices/{id}")).StatusCode);

        var published = await Eventually.Until(() => factory.WithDb(db => db.Set<Notice>().SingleAsync(n => n.Id == id)), n => n.IsPublished, "the scheduled notice to be published");
        Assert.True(published.IsPublished);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync($"/c/NTC3/notices/{id}")).StatusCode);
        var inbox = await Eventually.Until(() => factory.WithDb(db => db.Set<Notification>().Where(n => n.UserId == residentId).ToListAsync()), l => l.Count > 0, "the notice in the resident's inbox");
        Assert.Single(inbox);
        var print = await resident.GetDocumentAsync($"/c/NTC3/notices/{id}/print");
        Assert.StartsWith("data:image/png;base64,", print.QuerySelector("#notice-qr")!.GetAttribute("src"));
    }
}
