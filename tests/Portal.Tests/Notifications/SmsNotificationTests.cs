using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Notifications;
using Portal.Notifications.Sms;
using Portal.Tests.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>
/// SMS as a notification channel (issue 12): accounts with no email but a confirmed phone get a vote's opening,
/// reminder and final result, and urgent notices, by SMS; exactly once, in SendBatchSms batches, per preference.
/// </summary>
public sealed class SmsNotificationTests
{
    /// <summary>An account made by phone sign-in: no email, the phone confirmed by the code (or not).</summary>
    private static async Task<PortalUser> PhoneUserAsync(PortalFactory factory, string e164, bool confirmed = true)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = e164, PhoneNumber = e164, PhoneNumberConfirmed = confirmed, DisplayName = "王阿姨", CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    private static string NewE164() => "+86" + PhoneTestKit.NewMobile();

    private static Task<long> StoreEventAsync(PortalFactory factory, TestCompound compound, NotificationKind kind, Dictionary<string, string> values) =>
        factory.WithDb(async db =>
        {
            var e = new NotificationEvent(kind, compound.Id, Audience.ResidentsIn(Scope.WholeCompound), $"/c/{compound.Code}/votes/7", values, DateTimeOffset.UtcNow);
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    private static Task RunFanOutAsync(PortalFactory factory, long eventId) =>
        factory.Scoped(sp => sp.GetRequiredService<FanOutJob>().RunAsync(eventId, CancellationToken.None));

    private static Task<List<SmsMessage>> NotifySmsAsync(PortalFactory factory, string kind) =>
        factory.WithDb(db => db.Set<SmsMessage>().AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task A_vote_opening_is_texted_once_to_phone_only_owners_per_their_preference_and_emailed_to_the_rest()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("SMN1", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 4);
        var withEmail = await factory.CreateUserAsync("smn1-email@example.com");
        var phoneOnly = await PhoneUserAsync(factory, NewE164());
        var unconfirmed = await PhoneUserAsync(factory, NewE164(), confirmed: false);
        var optedOut = await PhoneUserAsync(factory, NewE164());
        foreach (var (user, flat) in new[] { withEmail, phoneOnly, unconfirmed, optedOut }.Zip(compound.Flats))
            await factory.LinkAsync(user.Id, compound, flat);
        await factory.WithDb(db =>
        {
            db.Add(new NotificationPreference(optedOut.Id, NotificationKind.VoteOpened, EmailChoice.None));
            return db.SaveChangesAsync();
        });
        var eventId = await StoreEventAsync(factory, compound, NotificationKind.VoteOpened,
            new Dictionary<string, string> { ["title"] = "加装电动自行车充电桩", ["closes"] = "2026-12-20 18:00" });

        await RunFanOutAsync(factory, eventId);
        await RunFanOutAsync(factory, eventId); // a second run sends nothing again

        var sms = await NotifySmsAsync(factory, "notify.VoteOpened");
        var one = Assert.Single(sms);
        Assert.Equal(phoneOnly.PhoneNumber, one.To);
        Assert.Equal(SmsStatus.KeptInOutbox, one.Status);
        Assert.Contains("加装电动自行车充电桩", one.Text);
        Assert.Contains("2026-12-20 18:00", one.Text);
        Assert.Contains("/c/SMN1/votes/7", one.Text);
        Assert.Single(await factory.MessagesToAsync("smn1-email@example.com"));
        var deliveries = await factory.WithDb(db => db.Set<Delivery>().Where(d => d.EventId == eventId).ToListAsync());
        Assert.Equal([(withEmail.Id, DeliveryChannel.Email), (phoneOnly.Id, DeliveryChannel.Sms)],
            deliveries.Select(d => (d.UserId, d.Channel)).OrderBy(d => d.Channel).ToList());
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        // Everyone still has it in the inbox, whatever the channel.
        Assert.Equal(4, await factory.WithDb(db => db.Set<Notification>().CountAsync(n => n.EventId == eventId)));
    }

    [Fact]
    public async Task Only_urgent_notices_are_texted_and_a_long_title_is_cut_to_the_template_limit()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("SMN2", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var phoneOnly = await PhoneUserAsync(factory, NewE164());
        await factory.LinkAsync(phoneOnly.Id, compound, compound.Flats[0]);
        var plain = await StoreEventAsync(factory, compound, NotificationKind.NoticePublished,
            new Dictionary<string, string> { ["title"] = "垃圾分类宣传周", [SmsNotifications.UrgentValue] = "0" });
        var urgent = await StoreEventAsync(factory, compound, NotificationKind.NoticePublished,
            new Dictionary<string, string> { ["title"] = "明天上午八点至十二点全小区停水请提前储水谢谢配合", [SmsNotifications.UrgentValue] = "1" });
        var construction = await StoreEventAsync(factory, compound, NotificationKind.ConstructionUpdate,
            new Dictionary<string, string> { ["title"] = "脚手架已搭好" });

        foreach (var id in new[] { plain, urgent, construction }) await RunFanOutAsync(factory, id);

        var sms = Assert.Single(await factory.SmsToAsync(phoneOnly.PhoneNumber!));
        Assert.Equal("notify.NoticePublished", sms.Kind);
        Assert.Contains("明天上午八点至十二点全小区停水请提前储…", sms.Text); // 19 characters and an ellipsis
        Assert.DoesNotContain("谢谢配合", sms.Text);
        Assert.Equal(3, await factory.WithDb(db => db.Set<Notification>().CountAsync(n => n.UserId == phoneOnly.Id)));
    }

    [Fact]
    public async Task Aliyun_gets_signed_SendBatchSms_requests_of_at_most_the_batch_size_and_a_refused_batch_is_retried_alone()
    {
        var requests = 0;
        await using var stub = await StubServer.StartAsync(request =>
        {
            var parameters = AliyunStandIn.Parameters(request);
            var refused = Interlocked.Increment(ref requests) == 2;
            var ok = AliyunStandIn.SignatureHolds(parameters) && parameters["Action"] == "SendBatchSms" && !refused;
            return Task.FromResult(ok
                ? (200, JsonSerializer.Serialize(new { Code = "OK", Message = "OK", BizId = "biz-" + requests, RequestId = Guid.NewGuid() }))
                : (400, JsonSerializer.Serialize(new { Code = refused ? "isv.BUSINESS_LIMIT_CONTROL" : "SignatureDoesNotMatch", Message = "refused", RequestId = Guid.NewGuid() })));
        });
        await using var factory = AliyunStandIn.Portal(stub)
            .With("Sms:Aliyun:VoteResultTemplateCode", "SMS_200004")
            .With("Notifications:SmsBatchSize", "2");
        var compound = await factory.CreateCompoundAsync("SMN3", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 5);
        var phones = new List<string>();
        foreach (var flat in compound.Flats)
        {
            var user = await PhoneUserAsync(factory, NewE164());
            await factory.LinkAsync(user.Id, compound, flat);
            phones.Add(user.PhoneNumber!);
        }
        var eventId = await StoreEventAsync(factory, compound, NotificationKind.VoteFinalResult,
            new Dictionary<string, string> { ["title"] = "加装电梯" });

        await Assert.ThrowsAsync<Portal.Notifications.Email.EmailBatchFailedException>(() => RunFanOutAsync(factory, eventId));
        var afterFirst = await factory.WithDb(db => db.Set<Delivery>().Where(d => d.EventId == eventId).ToListAsync());
        Assert.Equal(2, afterFirst.Count(d => d.Status == DeliveryStatus.Failed));
        Assert.Equal(3, afterFirst.Count(d => d.Status == DeliveryStatus.Sent));

        await RunFanOutAsync(factory, eventId); // the retry sends the refused batch only
        await RunFanOutAsync(factory, eventId);

        var calls = stub.Requests.Select(r => AliyunStandIn.Parameters(r)).ToList();
        Assert.Equal(4, calls.Count); // 2 + 2 (refused) + 1, then the refused 2 again
        Assert.All(calls, p =>
        {
            Assert.True(AliyunStandIn.SignatureHolds(p));
            Assert.Equal("SMS_200004", p["TemplateCode"]);
            Assert.Equal("2017-05-25", p["Version"]);
        });
        var numbers = calls.Select(p => JsonSerializer.Deserialize<List<string>>(p["PhoneNumberJson"])!).ToList();
        Assert.All(numbers, n => Assert.InRange(n.Count, 1, 2));
        var accepted = numbers.Where((_, i) => i != 1).SelectMany(n => n).ToList();
        Assert.Equal(phones.Select(p => p[3..]).Order(), accepted.Order()); // each number once, without +86
        var templateParams = JsonSerializer.Deserialize<List<Dictionary<string, string>>>(calls[0]["TemplateParamJson"])!;
        Assert.All(templateParams, t =>
        {
            Assert.Equal("加装电梯", t["title"]);
            Assert.EndsWith("/c/SMN3/votes/7", t["link"]);
        });
        var kept = await NotifySmsAsync(factory, "notify.VoteFinalResult");
        Assert.Equal(7, kept.Count); // every attempt is kept: 5 sent, the refused 2 failed
        Assert.Equal(5, kept.Count(m => m.Status == SmsStatus.Sent));
        Assert.All(kept.Where(m => m.Status == SmsStatus.Failed), m => Assert.StartsWith("isv.BUSINESS_LIMIT_CONTROL", m.Error));
        Assert.All(await factory.WithDb(db => db.Set<Delivery>().Where(d => d.EventId == eventId).ToListAsync()),
            d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task An_urgent_notice_posted_on_the_page_is_badged_and_texted_to_a_resident_without_email_and_counted_in_the_outbox()
    {
        await using var factory = new PortalFactory();
        var compound = await factory.CreateCompoundAsync("SMN4", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 2);
        var (_, manager) = await factory.RoleHolderAsync(compound, CompoundRoleKind.PropertyManager);
        var phoneOnly = await PhoneUserAsync(factory, NewE164());
        await factory.LinkAsync(phoneOnly.Id, compound, compound.Flats[0]);
        var admin = await factory.CreateUserAsync("smn4-admin@example.com", admin: true);

        var form = await manager.GetDocumentAsync("/c/SMN4/notices/new");
        Assert.NotNull(form.QuerySelector("input[name='Input.Urgent'][type=checkbox]"));
        var post = await manager.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "今晚停电抢修",
            ["Input.Body"] = "20:00-23:00 停电。",
            ["Input.Category"] = "General",
            ["Input.Reach"] = "Compound",
            ["Input.Urgent"] = "true",
        }, "#notice-form");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var detail = post.Headers.Location!.OriginalString;
        Assert.True((await factory.WithDb(db => db.Set<Notice>().SingleAsync())).Urgent);
        Assert.Equal("紧急", (await manager.GetDocumentAsync(detail)).QuerySelector("#notice-urgent")?.TextContent.Trim());
        Assert.NotNull((await manager.GetDocumentAsync("/c/SMN4/notices")).QuerySelector(".notice-urgent"));

        var sms = await Eventually.Until(() => factory.SmsToAsync(phoneOnly.PhoneNumber!), l => l.Count > 0, "the urgent notice texted");
        Assert.Contains("今晚停电抢修", Assert.Single(sms).Text);

        var outbox = await (await factory.SignedInClientAsync(admin.Email!)).GetDocumentAsync("/admin/outbox");
        Assert.Equal("1", outbox.QuerySelector("#sms-count")!.TextContent.Trim());
        Assert.NotNull(outbox.QuerySelector(".delivery-count[data-channel='Sms'][data-status='Sent']"));
        Assert.Contains("紧急公告", (await manager.GetDocumentAsync("/inbox/preferences")).QuerySelector("#preferences-sms")!.TextContent);
    }

    [Fact]
    public void Only_a_vote_opening_its_reminder_its_final_result_and_urgent_notices_are_texted()
    {
        Assert.Equal("VoteOpenedTemplateCode", SmsNotifications.TemplateSetting(NotificationKind.VoteOpened, new Dictionary<string, string>()));
        Assert.Equal("VoteClosingTemplateCode", SmsNotifications.TemplateSetting(NotificationKind.VoteReminder, new Dictionary<string, string>()));
        Assert.Null(SmsNotifications.TemplateSetting(NotificationKind.VotePreliminaryResult, new Dictionary<string, string>()));
        Assert.Null(SmsNotifications.TemplateSetting(NotificationKind.NoticePublished, new Dictionary<string, string>()));
    }
}
