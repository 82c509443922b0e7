using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Notifications.Sms;

/// <summary>Settings under `Sms:Aliyun`.</summary>
public sealed class AliyunSmsSettings
{
    public string Endpoint { get; set; } = "https://dysmsapi.aliyuncs.com";
    public string AccessKeyId { get; set; } = "";
    public string AccessKeySecret { get; set; } = "";
    public string SignName { get; set; } = "";
    public string RegionId { get; set; } = "cn-hangzhou";
    public string LoginTemplateCode { get; set; } = "";
    /// <summary>The code a building lead's assisted sign-up sends (the owner reads it to the lead); unset, the login template.</summary>
    public string AssistCodeTemplateCode { get; set; } = "";
    public string VoteOpenedTemplateCode { get; set; } = "";
    public string VoteClosingTemplateCode { get; set; } = "";
    public string VoteResultTemplateCode { get; set; } = "";
    public string UrgentNoticeTemplateCode { get; set; } = "";

    public string TemplateCode(string template) => template switch
    {
        "LoginTemplateCode" => LoginTemplateCode,
        "AssistCodeTemplateCode" => AssistCodeTemplateCode is { Length: > 0 } assist ? assist : LoginTemplateCode,
        "VoteOpenedTemplateCode" => VoteOpenedTemplateCode,
        "VoteClosingTemplateCode" => VoteClosingTemplateCode,
        "VoteResultTemplateCode" => VoteResultTemplateCode,
        "UrgentNoticeTemplateCode" => UrgentNoticeTemplateCode,
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "unknown SMS template setting"),
    };
}

/// <summary>
/// Alibaba Cloud Dysmsapi (Version 2017-05-25) over its RPC API: a signed GET with SendSms or SendBatchSms.
/// Aliyun answers {"Code":"OK","BizId":...} or an error code (e.g. SignatureDoesNotMatch with HTTP 400).
/// </summary>
public sealed class AliyunSmsSender(HttpClient http, IOptions<AliyunSmsSettings> options, PortalDb db, TimeProvider clock,
    ILogger<AliyunSmsSender> log) : ISmsSender
{
    private readonly AliyunSmsSettings _settings = options.Value;

    public async Task<long> SendAsync(OutgoingSms sms, CancellationToken ct = default)
    {
        // The provider delivers the code; the kept copy (for counting and failures) must not hold it in clear, since the
        // code itself is kept only as a keyed hash.
        var message = new SmsMessage(sms.To, sms.Kind, WithoutCode(sms), clock.GetUtcNow());
        db.Add(message);
        await db.SaveChangesAsync(ct);
        var parameters = new Dictionary<string, string>
        {
            ["Action"] = "SendSms",
            ["PhoneNumbers"] = Portal.Features.Accounts.PhoneNumberRules.ForSms(sms.To),
            ["SignName"] = _settings.SignName,
            ["TemplateCode"] = _settings.TemplateCode(sms.Template),
            ["TemplateParam"] = JsonSerializer.Serialize(sms.Parameters),
        };
        try
        {
            var bizId = await CallAsync(parameters, ct);
            message.MarkSent(clock.GetUtcNow(), bizId);
        }
        catch (SmsSendException ex)
        {
            message.MarkFailed($"{ex.ProviderCode}: {ex.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            log.LogError("Aliyun SMS {Kind} to {To} failed: {Code} {Message}", sms.Kind, sms.To, ex.ProviderCode, ex.Message);
            throw;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return message.Id;
    }

    /// <summary>The SMS text with its <c>code</c> parameter (a sign-in or claim code) replaced by asterisks.</summary>
    public static string WithoutCode(OutgoingSms sms) =>
        sms.Parameters.TryGetValue("code", out var code) && code.Length > 0 ? sms.Text.Replace(code, new string('*', code.Length)) : sms.Text;

    /// <summary>
    /// SendBatchSms: one template to up to <see cref="SmsLimits.BatchSize"/> numbers, each with its own parameters, in
    /// one signed request. The messages are recorded first, then marked sent with the BizId, or failed with the
    /// provider's answer (also when cancelled before the answer: nothing is known to have gone out).
    /// </summary>
    public async Task SendBatchAsync(IReadOnlyList<OutgoingSms> batch, CancellationToken ct = default)
    {
        if (batch.Count is 0 or > SmsLimits.BatchSize)
            throw new ArgumentOutOfRangeException(nameof(batch), batch.Count, "1 to 100 numbers per SendBatchSms");
        var template = batch[0].Template;
        if (batch.Any(b => b.Template != template)) throw new ArgumentException("One SendBatchSms request uses one template.", nameof(batch));

        var now = clock.GetUtcNow();
        var messages = batch.Select(sms => new SmsMessage(sms.To, sms.Kind, WithoutCode(sms), now)).ToList();
        db.AddRange(messages);
        await db.SaveChangesAsync(ct);
        var parameters = new Dictionary<string, string>
        {
            ["Action"] = "SendBatchSms",
            ["PhoneNumberJson"] = JsonSerializer.Serialize(batch.Select(b => Portal.Features.Accounts.PhoneNumberRules.ForSms(b.To))),
            ["SignNameJson"] = JsonSerializer.Serialize(batch.Select(_ => _settings.SignName)),
            ["TemplateCode"] = _settings.TemplateCode(template),
            ["TemplateParamJson"] = JsonSerializer.Serialize(batch.Select(b => b.Parameters)),
        };
        try
        {
            var bizId = await CallAsync(parameters, ct);
            foreach (var m in messages) m.MarkSent(clock.GetUtcNow(), bizId);
        }
        catch (SmsSendException ex)
        {
            foreach (var m in messages) m.MarkFailed($"{ex.ProviderCode}: {ex.Message}");
            await db.SaveChangesAsync(CancellationToken.None);
            log.LogError("Aliyun SendBatchSms of {Count} failed: {Code} {Message}", batch.Count, ex.ProviderCode, ex.Message);
            throw;
        }
        catch (OperationCanceledException)
        {
            foreach (var m in messages) m.MarkFailed("Cancelled before Aliyun answered: not sent");
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<string?> CallAsync(Dictionary<string, string> parameters, CancellationToken ct)
    {
        parameters["AccessKeyId"] = _settings.AccessKeyId;
        parameters["Format"] = "JSON";
        parameters["RegionId"] = _settings.RegionId;
        parameters["SignatureMethod"] = "HMAC-SHA1";
        parameters["SignatureNonce"] = Guid.NewGuid().ToString();
        parameters["SignatureVersion"] = "1.0";
        parameters["Timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        parameters["Version"] = "2017-05-25";
        var signature = AliyunSignature.Sign(_settings.AccessKeySecret, AliyunSignature.StringToSign("GET", parameters));
        var url = _settings.Endpoint.TrimEnd('/') + "/?Signature=" + AliyunSignature.PercentEncode(signature) + "&" + AliyunSignature.CanonicalQuery(parameters);

        HttpResponseMessage response;
        try { response = await http.GetAsync(url, ct); }
        catch (HttpRequestException ex) { throw new SmsSendException("Network", ex.Message); }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested) { throw new SmsSendException("Timeout", ex.Message); }
        var body = await response.Content.ReadAsStringAsync(ct);
        string? code = null, text = null, bizId = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("Code", out var c)) code = c.GetString();
            if (json.RootElement.TryGetProperty("Message", out var m)) text = m.GetString();
            if (json.RootElement.TryGetProperty("BizId", out var b)) bizId = b.GetString();
        }
        catch (JsonException) { }
        if (response.IsSuccessStatusCode && code == "OK") return bizId;
        throw new SmsSendException(code ?? $"HTTP {(int)response.StatusCode}", text ?? body[..Math.Min(body.Length, 500)]);
    }
}
