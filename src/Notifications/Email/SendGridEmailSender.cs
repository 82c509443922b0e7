using Microsoft.Extensions.Options;
using Portal.Data;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Portal.Notifications.Email;

public sealed class SendGridSettings
{
    public string? ApiKey { get; set; }
    /// <summary>Overrides SendGrid's API host, e.g. a local stand-in in tests.</summary>
    public string? Host { get; set; }
    public string FromEmail { get; set; } = "noreply@portal.local";
    public string FromName { get; set; } = "小区居民议事平台";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Sends through SendGrid; each message is recorded before the request and marked after it.</summary>
public sealed class SendGridEmailSender(PortalDb db, TimeProvider clock, IOptions<SendGridSettings> settings, ILogger<SendGridEmailSender> log) : IEmailSender
{
    /// <summary>SendGrid accepts at most 1,000 personalisations in one request.</summary>
    public const int MaxPersonalisations = 1000;

    private readonly SendGridSettings _settings = settings.Value;

    private SendGridClient Client()
    {
        var options = new SendGridClientOptions { ApiKey = _settings.ApiKey };
        if (!string.IsNullOrWhiteSpace(_settings.Host)) options.Host = _settings.Host;
        return new SendGridClient(options);
    }

    public async Task<long> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var message = new EmailMessage(email.To, email.Subject, email.TextBody, email.HtmlBody, email.Kind, clock.GetUtcNow());
        db.Add(message);
        await db.SaveChangesAsync(ct);
        try
        {
            var mail = MailHelper.CreateSingleEmail(From, new EmailAddress(email.To), email.Subject, email.TextBody, email.HtmlBody ?? "");
            if (email.Headers is not null) mail.AddHeaders(new Dictionary<string, string>(email.Headers));
            var response = await Client().SendEmailAsync(mail, ct);
            if (response.IsSuccessStatusCode) message.MarkSent(clock.GetUtcNow());
            else message.MarkFailed($"SendGrid answered {(int)response.StatusCode}: {await response.Body.ReadAsStringAsync(ct)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            message.MarkFailed(ex.Message);
        }
        if (message.Status == EmailStatus.Failed)
            log.LogWarning("Email #{Id} to {To} failed: {Error}", message.Id, email.To, message.Error);
        await db.SaveChangesAsync(ct);
        return message.Id;
    }

    public async Task SendBatchAsync(IReadOnlyList<OutgoingEmail> batch, CancellationToken ct = default)
    {
        foreach (var chunk in batch.Chunk(MaxPersonalisations))
        {
            var now = clock.GetUtcNow();
            var messages = chunk.Select(e => new EmailMessage(e.To, e.Subject, e.TextBody, e.HtmlBody, e.Kind, now)).ToList();
            db.AddRange(messages);
            await db.SaveChangesAsync(ct);

            // One request per chunk: each recipient is a personalisation with its own subject and content.
            var mail = new SendGridMessage { From = From };
            mail.AddContent(MimeType.Text, "{{text}}");
            mail.Personalizations = chunk.Select(e => new Personalization
            {
                Tos = [new EmailAddress(e.To)],
                Subject = e.Subject,
                Substitutions = new Dictionary<string, string> { ["{{text}}"] = e.TextBody },
                Headers = e.Headers is null ? null : new Dictionary<string, string>(e.Headers),
            }).ToList();
            if (chunk.All(e => e.HtmlBody is not null))
            {
                mail.AddContent(MimeType.Html, "{{html}}");
                foreach (var (p, e) in mail.Personalizations.Zip(chunk)) p.Substitutions["{{html}}"] = e.HtmlBody!;
            }

            string? error;
            try
            {
                var response = await Client().SendEmailAsync(mail, ct);
                error = response.IsSuccessStatusCode ? null : $"SendGrid answered {(int)response.StatusCode}";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down before SendGrid answered: the caller puts its rows back; these copies record the attempt.
                foreach (var m in messages) m.MarkFailed("cancelled (shutdown) before SendGrid answered");
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                error = ex.Message;
            }

            foreach (var m in messages)
                if (error is null) m.MarkSent(clock.GetUtcNow()); else m.MarkFailed(error);
            await db.SaveChangesAsync(ct);
            if (error is not null) throw new EmailBatchFailedException(error);
        }
    }

    private EmailAddress From => new(_settings.FromEmail, _settings.FromName);
}
