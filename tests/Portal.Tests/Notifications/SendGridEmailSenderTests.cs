using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Notifications.Email;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>The real SendGrid client, pointed at a local stand-in that records its requests.</summary>
public sealed class SendGridEmailSenderTests
{
    [Fact]
    public async Task With_an_api_key_email_goes_to_sendgrid_and_is_recorded_as_sent()
    {
        await using var sendGrid = await StubServer.StartAsync(_ => Task.FromResult((202, "")));
        await using var factory = new PortalFactory().With("SendGrid:ApiKey", "SG.test-key").With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'));

        var id = await factory.Scoped(sp => sp.GetRequiredService<IEmailSender>().SendAsync(
            new OutgoingEmail("wang@example.com", "停水通知", "明天停水", "<p>明天停水</p>", "notice.published")));

        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);
        using var json = JsonDocument.Parse(request.Body);
        var personalization = json.RootElement.GetProperty("personalizations")[0];
        Assert.Equal("wang@example.com", personalization.GetProperty("to")[0].GetProperty("email").GetString());
        var subject = personalization.TryGetProperty("subject", out var own) ? own : json.RootElement.GetProperty("subject");
        Assert.Equal("停水通知", subject.GetString());

        var message = await factory.WithDb(db => db.Set<EmailMessage>().SingleAsync(m => m.Id == id));
        Assert.Equal(EmailStatus.Sent, message.Status);
    }

    [Fact]
    public async Task A_refused_email_is_recorded_as_failed_with_the_reason()
    {
        await using var sendGrid = await StubServer.StartAsync(_ => Task.FromResult((500, "{\"errors\":[{\"message\":\"down\"}]}")));
        await using var factory = new PortalFactory().With("SendGrid:ApiKey", "SG.test-key").With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'));
        var id = await factory.Scoped(sp => sp.GetRequiredService<IEmailSender>().SendAsync(
            new OutgoingEmail("li@example.com", "s", "t", null, "test")));
        var message = await factory.WithDb(db => db.Set<EmailMessage>().SingleAsync(m => m.Id == id));
        Assert.Equal(EmailStatus.Failed, message.Status);
        Assert.Contains("500", message.Error);
    }

    [Fact]
    public async Task A_batch_of_2500_goes_out_in_three_requests_of_at_most_1000_recipients()
    {
        await using var sendGrid = await StubServer.StartAsync(_ => Task.FromResult((202, "")));
        await using var factory = new PortalFactory().With("SendGrid:ApiKey", "SG.test-key").With("SendGrid:Host", sendGrid.Address.ToString().TrimEnd('/'));
        var batch = Enumerable.Range(0, 2500).Select(i => new OutgoingEmail($"r{i}@example.com", $"标题{i}", $"正文{i}", null, "batch")).ToList();
        await factory.Scoped(sp => sp.GetRequiredService<IEmailSender>().SendBatchAsync(batch));

        var counts = sendGrid.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("personalizations").GetArrayLength()).ToList();
        Assert.Equal([1000, 1000, 500], counts);
        Assert.Equal(2500, await factory.WithDb(db => db.Set<EmailMessage>().CountAsync(m => m.Kind == "batch" && m.Status == EmailStatus.Sent)));
    }

    [Fact]
    public async Task Without_an_api_key_email_stays_in_the_outbox()
    {
        await using var factory = new PortalFactory();
        var id = await factory.Scoped(sp => sp.GetRequiredService<IEmailSender>().SendAsync(new OutgoingEmail("z@example.com", "s", "t", null, "test")));
        var message = await factory.WithDb(db => db.Set<EmailMessage>().SingleAsync(m => m.Id == id));
        Assert.Equal(EmailStatus.KeptInOutbox, message.Status);
    }
}
