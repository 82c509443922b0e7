namespace Portal.Notifications.Sms;

/// <summary>
/// One SMS. <paramref name="Template"/> names the setting that holds the provider's template code (e.g. "LoginTemplateCode");
/// <paramref name="Parameters"/> fill it (Aliyun's TemplateParam JSON); <paramref name="Text"/> is what the resident reads,
/// kept in the outbox.
/// </summary>
public sealed record OutgoingSms(string To, string Kind, string Template, IReadOnlyDictionary<string, string> Parameters, string Text);

/// <summary>A provider refused or failed an SMS; the message is for the admin's log, not for residents.</summary>
public sealed class SmsSendException(string providerCode, string message) : Exception(message)
{
    public string ProviderCode { get; } = providerCode;
}

/// <summary>Sends SMS; every send is recorded as an <see cref="SmsMessage"/> in the outbox.</summary>
public interface ISmsSender
{
    /// <summary>Sends one SMS; throws <see cref="SmsSendException"/> when the provider refuses it (recorded as failed).</summary>
    Task<long> SendAsync(OutgoingSms sms, CancellationToken ct = default);

    /// <summary>
    /// Sends one template to up to <see cref="SmsLimits.BatchSize"/> numbers in one request (notification fan-out).
    /// Every message is recorded; throws <see cref="SmsSendException"/> when the provider refuses the batch (recorded
    /// as failed), so the caller can try the batch again later.
    /// </summary>
    Task SendBatchAsync(IReadOnlyList<OutgoingSms> batch, CancellationToken ct = default);
}

public static class SmsLimits
{
    /// <summary>Aliyun's SendBatchSms takes at most 100 numbers per request.</summary>
    public const int BatchSize = 100;
}
