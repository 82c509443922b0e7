using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>The inbox, its unread count in the header, and the preferences page.</summary>
public sealed class InboxTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private PortalFactory Factory => fixture.Factory;

    private async Task<long> DeliverAsync(string userId, string title, string link)
    {
        var eventId = await Factory.WithDb(async db =>
        {
            var e = new NotificationEvent(NotificationKind.ProposalStatusChanged, null, Audience.Users(userId), link,
                new Dictionary<string, string> { ["title"] = title, ["status"] = "ok" }, DateTimeOffset.UtcNow);
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        await Factory.Scoped(sp => sp.GetRequiredService<FanOutJob>().RunAsync(eventId, CancellationToken.None));
        return await Factory.WithDb(db => db.Set<Notification>().Where(n => n.EventId == eventId).Select(n => n.Id).SingleAsync());
    }

    [Fact]
    public async Task The_header_counts_unread_and_opening_one_marks_it_read_and_goes_to_its_subject()
    {
        var user = await Factory.CreateUserAsync($"inbox-{Guid.NewGuid():N}@example.com");
        var client = await Factory.SignedInClientAsync(user.Email!);
        var first = await DeliverAsync(user.Id, "电梯提议", "/c/ABC/proposals/1");
        await DeliverAsync(user.Id, "屋顶提议", "/c/ABC/proposals/2");

        var page = await client.GetDocumentAsync("/inbox");
        Assert.Equal("2", page.QuerySelector("#inbox-badge")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".inbox-item").Length);

        var open = await client.GetAsync($"/inbox?handler=Open&id={first}");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/c/ABC/proposals/1", open.Headers.Location!.OriginalString);
        Assert.Equal("1", (await client.GetDocumentAsync("/inbox")).QuerySelector("#inbox-badge")!.TextContent);

        await client.SubmitFormAsync("/inbox", new Dictionary<string, string>(), "form[action*='ReadAll']");
        Assert.Null((await client.GetDocumentAsync("/inbox")).QuerySelector("#inbox-badge"));

        var stranger = await Factory.CreateUserAsync($"other-{Guid.NewGuid():N}@example.com");
        var other = await Factory.SignedInClientAsync(stranger.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/inbox?handler=Open&id={first}")).StatusCode);
    }

    [Fact]
    public async Task A_title_is_shown_in_the_readers_language_of_the_moment_not_the_one_it_was_raised_in()
    {
        var user = await Factory.CreateUserAsync($"lang-{Guid.NewGuid():N}@example.com"); // prefers zh-CN
        var client = await Factory.SignedInClientAsync(user.Email!);
        await DeliverAsync(user.Id, "电梯提议", "/inbox");
        var zh = (await client.GetDocumentAsync("/inbox")).QuerySelector(".inbox-title")!.TextContent;
        var en = (await client.GetDocumentAsync("/inbox?culture=en")).QuerySelector(".inbox-title")!.TextContent;
        Assert.Contains("电梯提议", zh);
        Assert.Contains("电梯提议", en); // the proposal's own title stays as written
        Assert.NotEqual(zh, en);
        Assert.Matches("[A-Za-z]{3,}", en.Replace("电梯提议", ""));
        Assert.DoesNotMatch("[\u4e00-\u9fff]", en.Replace("电梯提议", ""));
    }

    [Fact]
    public async Task Preferences_are_saved_per_kind_and_honoured()
    {
        var user = await Factory.CreateUserAsync($"prefs-{Guid.NewGuid():N}@example.com");
        var client = await Factory.SignedInClientAsync(user.Email!);
        var response = await client.SubmitFormAsync("/inbox/preferences", new Dictionary<string, string>
        {
            ["Choices[ProposalStatusChanged]"] = "None",
            ["Choices[VoteOpened]"] = "DailyDigest",
        }, "#preferences-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await client.GetDocumentAsync("/inbox/preferences");
        Assert.Equal("None", page.QuerySelector("#choice-ProposalStatusChanged option[selected]")!.GetAttribute("value"));
        Assert.Equal("DailyDigest", page.QuerySelector("#choice-VoteOpened option[selected]")!.GetAttribute("value"));
        Assert.Equal("Immediately", page.QuerySelector("#choice-NoticePublished option[selected]")!.GetAttribute("value"));

        await DeliverAsync(user.Id, "不发邮件", "/inbox");
        Assert.Empty(await Factory.MessagesToAsync(user.Email!));
        Assert.Contains("不发邮件", (await client.GetDocumentAsync("/inbox")).QuerySelector(".inbox-title")!.TextContent);
    }

    [Fact]
    public async Task Admins_see_failed_deliveries_in_the_outbox()
    {
        var user = await Factory.CreateUserAsync($"failing-{Guid.NewGuid():N}@example.com");
        await DeliverAsync(user.Id, "会失败", "/inbox");
        await Factory.WithDb(db => db.Set<Delivery>().Where(d => d.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.Error, "SendGrid answered 500")));

        var admin = await Factory.CreateUserAsync($"admin-{Guid.NewGuid():N}@example.com", admin: true);
        var client = await Factory.SignedInClientAsync(admin.Email!);
        var page = await client.GetDocumentAsync("/admin/outbox");
        var row = page.QuerySelectorAll(".delivery-problem").Single(r => r.TextContent.Contains(user.Email!));
        Assert.Contains("SendGrid answered 500", row.TextContent);
        Assert.NotNull(page.QuerySelector(".delivery-count[data-channel='Email'][data-status='Failed']"));
    }
}
