using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Accounts;
using Portal.Domain.Shared;
using Portal.Notifications;
using Portal.Notifications.Email;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>The fan-out job: inbox for everyone, email per preference, exactly once per (event, recipient, channel).</summary>
public sealed class FanOutTests
{
    private static async Task<(TestCompound Compound, List<PortalUser> Residents)> CompoundWithResidentsAsync(PortalFactory factory, string code, int flatsPerFloor = 2, bool english = false)
    {
        var compound = await factory.CreateCompoundAsync(code, buildings: 1, entrances: 1, floors: 2, flatsPerFloor: flatsPerFloor);
        var residents = new List<PortalUser>();
        foreach (var flat in compound.Flats)
        {
            var user = await factory.CreateUserAsync($"{code.ToLowerInvariant()}-{flat.Room}@example.com");
            await factory.LinkAsync(user.Id, compound, flat);
            residents.Add(user);
        }
        if (english)
            await factory.WithDb(async db =>
            {
                var first = await db.Users.SingleAsync(u => u.Id == residents[0].Id);
                first.PreferredCulture = "en";
                await db.SaveChangesAsync();
            });
        return (compound, residents);
    }

    /// <summary>Stores an event without the notifier, so no background job races the test's own runs.</summary>
    private static Task<long> StoreEventAsync(PortalFactory factory, TestCompound compound, NotificationKind kind = NotificationKind.NoticePublished) =>
        factory.WithDb(async db =>
        {
            var e = new NotificationEvent(kind, compound.Id, Audience.ResidentsIn(Scope.WholeCompound), $"/c/{compound.Code}/notices/1",
                new Dictionary<string, string> { ["title"] = "明天停水", ["compound"] = compound.Compound.Name, ["summary"] = "8:00-12:00" },
                DateTimeOffset.UtcNow);
            db.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

    private static Task RunFanOutAsync(PortalFactory factory, long eventId) =>
        factory.Scoped(sp => sp.GetRequiredService<FanOutJob>().RunAsync(eventId, CancellationToken.None));

    [Fact]
    public async Task Running_the_fan_out_twice_gives_every_resident_one_inbox_entry_and_one_email()
    {
        await using var factory = new PortalFactory();
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN1");
        var eventId = await StoreEventAsync(factory, compound);

        await RunFanOutAsync(factory, eventId);
        await RunFanOutAsync(factory, eventId);

        foreach (var r in residents)
        {
            var emails = (await factory.MessagesToAsync(r.Email!)).Where(m => m.Kind == "notify.NoticePublished").ToList();
            Assert.Single(emails);
            Assert.Contains("明天停水", emails[0].Subject);
        }
        var inbox = await factory.WithDb(db => db.Set<Notification>().Where(n => n.EventId == eventId).ToListAsync());
        Assert.Equal(residents.Select(r => r.Id).Order(), inbox.Select(n => n.UserId).Order());
        var deliveries = await factory.WithDb(db => db.Set<Delivery>().Where(d => d.EventId == eventId).ToListAsync());
        Assert.Equal(residents.Count, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.NotNull((await factory.WithDb(db => db.Set<NotificationEvent>().SingleAsync(e => e.Id == eventId))).FannedOutAt);
    }

    [Fact]
    public async Task A_failed_sendgrid_batch_is_retried_without_resending_the_batches_that_went_out()
    {
        var calls = 0;
        await using var sendGrid = await StubServer.StartAsync(_ =>
            Task.FromResult(Interlocked.Increment(ref calls) == 2 ? (500, "{\"errors\":[{\"message\":\"busy\"}]}") : (202, "")));
        await using var factory = new PortalFactory()
            .With("SendGrid:ApiKey", "SG.test-key")
            .With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'))
            .With("Notifications:BatchSize", "2");
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN2", flatsPerFloor: 3); // 6 residents: 3 batches
        var eventId = await StoreEventAsync(factory, compound);

        await Assert.ThrowsAsync<EmailBatchFailedException>(() => RunFanOutAsync(factory, eventId));
        var failed = await factory.WithDb(db => db.Set<Delivery>().CountAsync(d => d.EventId == eventId && d.Status == DeliveryStatus.Failed));
        Assert.Equal(2, failed);

        await RunFanOutAsync(factory, eventId); // the retry
        await RunFanOutAsync(factory, eventId); // and a stray second run sends nothing

        var requests = sendGrid.Requests.ToList();
        Assert.Equal(4, requests.Count);
        var accepted = requests.Where((_, i) => i != 1)
            .SelectMany(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("personalizations").EnumerateArray())
            .Select(p => p.GetProperty("to")[0].GetProperty("email").GetString())
            .ToList();
        Assert.Equal(residents.Select(r => r.Email).Order(), accepted.Order());
        var deliveries = await factory.WithDb(db => db.Set<Delivery>().Where(d => d.EventId == eventId).ToListAsync());
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(2, deliveries.Count(d => d.Attempts == 2));
    }

    [Fact]
    public async Task Emails_are_written_in_the_recipients_language_with_an_unsubscribe_link_and_header()
    {
        await using var sendGrid = await StubServer.StartAsync(_ => Task.FromResult((202, "")));
        await using var factory = new PortalFactory()
            .With("SendGrid:ApiKey", "SG.test-key")
            .With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'));
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN3", english: true);
        await RunFanOutAsync(factory, await StoreEventAsync(factory, compound));

        var english = (await factory.MessagesToAsync(residents[0].Email!)).Single();
        Assert.StartsWith($"[{compound.Compound.Name}] New notice: 明天停水", english.Subject);
        Assert.Contains("/unsubscribe?token=", english.TextBody);
        var chinese = (await factory.MessagesToAsync(residents[1].Email!)).Single();
        Assert.StartsWith($"【{compound.Compound.Name}】新公告：明天停水", chinese.Subject);
        Assert.Contains("一键退订", chinese.TextBody);

        var personalization = JsonDocument.Parse(sendGrid.Requests.Single().Body).RootElement.GetProperty("personalizations")[0];
        Assert.StartsWith("<http://localhost:5000/unsubscribe?token=", personalization.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
    }

    [Fact]
    public async Task Preferences_send_now_collect_for_the_digest_or_keep_to_the_inbox()
    {
        await using var factory = new PortalFactory();
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN4");
        await factory.WithDb(async db =>
        {
            db.Add(new NotificationPreference(residents[1].Id, NotificationKind.NoticePublished, EmailChoice.DailyDigest));
            db.Add(new NotificationPreference(residents[2].Id, NotificationKind.NoticePublished, EmailChoice.None));
            db.Add(new NotificationPreference(residents[3].Id, NotificationKind.VoteOpened, EmailChoice.None)); // another kind
            await db.SaveChangesAsync();
        });
        await RunFanOutAsync(factory, await StoreEventAsync(factory, compound));
        await RunFanOutAsync(factory, await StoreEventAsync(factory, compound, NotificationKind.ConstructionUpdate));

        Assert.Equal(2, (await factory.MessagesToAsync(residents[0].Email!)).Count);
        Assert.Single(await factory.MessagesToAsync(residents[1].Email!)); // the construction update only
        Assert.Single(await factory.MessagesToAsync(residents[2].Email!));
        Assert.Equal(2, (await factory.MessagesToAsync(residents[3].Email!)).Count);
        Assert.Equal(8, await factory.WithDb(db => db.Set<Notification>().CountAsync()));

        await factory.Scoped(sp => sp.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None));
        await factory.Scoped(sp => sp.GetRequiredService<DigestJob>().RunAsync(CancellationToken.None));
        var digest = (await factory.MessagesToAsync(residents[1].Email!)).Where(m => m.Kind == "notify.digest").ToList();
        Assert.Single(digest);
        Assert.Contains("明天停水", digest[0].TextBody);
        Assert.DoesNotContain(await factory.MessagesToAsync(residents[0].Email!), m => m.Kind == "notify.digest");
    }

    [Fact]
    public async Task The_unsubscribe_link_turns_that_kind_of_email_off_without_signing_in()
    {
        await using var factory = new PortalFactory();
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN5");
        await RunFanOutAsync(factory, await StoreEventAsync(factory, compound));
        var body = (await factory.MessagesToAsync(residents[0].Email!)).Single().TextBody;
        var unsubscribe = new Uri(System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+/unsubscribe\S+").Value).PathAndQuery;

        var anonymous = factory.NewClient();
        var page = await anonymous.GetDocumentAsync(unsubscribe);
        Assert.NotNull(page.QuerySelector("#unsubscribe-confirm"));
        var response = await anonymous.SubmitFormAsync(page, new Dictionary<string, string>(), "#unsubscribe-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await FormClient.ParseAsync(response)).QuerySelector("#unsubscribe-done"));

        var choice = await factory.WithDb(db => db.Set<NotificationPreference>().SingleAsync(p => p.UserId == residents[0].Id));
        Assert.Equal((NotificationKind.NoticePublished, EmailChoice.None), (choice.Kind, choice.Email));
        await RunFanOutAsync(factory, await StoreEventAsync(factory, compound));
        Assert.Single(await factory.MessagesToAsync(residents[0].Email!));
        Assert.Equal(2, (await factory.MessagesToAsync(residents[1].Email!)).Count);

        var forged = await anonymous.GetAsync("/unsubscribe?token=not-a-token");
        Assert.Contains("unsubscribe-invalid", await forged.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_mail_clients_one_click_post_unsubscribes_without_a_form_token()
    {
        await using var factory = new PortalFactory();
        var (_, residents) = await CompoundWithResidentsAsync(factory, "FAN7");
        var token = await factory.Scoped(sp => Task.FromResult(sp.GetRequiredService<EmailComposer>().UnsubscribeToken(residents[0].Id, NotificationKind.VoteReminder)));

        var response = await factory.NewClient().PostAsync($"/unsubscribe?token={Uri.EscapeDataString(token)}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = await factory.WithDb(db => db.Set<NotificationPreference>().SingleAsync(p => p.UserId == residents[0].Id));
        Assert.Equal((NotificationKind.VoteReminder, EmailChoice.None), (choice.Kind, choice.Email));
    }

    [Fact]
    public async Task An_event_raised_through_the_notifier_is_delivered_by_a_background_job()
    {
        await using var factory = new PortalFactory();
        var (compound, residents) = await CompoundWithResidentsAsync(factory, "FAN6");
        await factory.Scoped(async sp =>
        {
            sp.GetRequiredService<INotifier>().Raise(NotificationKind.VoteOpened, compound.Id, Audience.Users(residents[0].Id), "/c/FAN6/votes/1",
                new Dictionary<string, string> { ["title"] = "加装电梯", ["closes"] = "12-01" });
            await sp.GetRequiredService<Portal.Data.PortalDb>().SaveChangesAsync();
        });
        var email = Assert.Single(await Eventually.Until(() => factory.MessagesToAsync(residents[0].Email!), m => m.Count > 0, "the vote-opened email to the one resident addressed"));
        Assert.Contains("加装电梯", email.Subject);
        Assert.Empty(await factory.MessagesToAsync(residents[1].Email!));
    }
}
