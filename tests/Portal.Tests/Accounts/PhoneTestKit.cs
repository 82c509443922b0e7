using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Notifications.Sms;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>A clock the phone tests move (cooldowns, daily caps, expiry).</summary>
public sealed class PhoneClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}

public sealed class PhoneFactory : PortalFactory
{
    public PhoneClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>One answer of /account/phone: the response, and the page when it was one (not a redirect).</summary>
public sealed record PhoneStep(HttpResponseMessage Response, AngleSharp.Dom.IDocument? Page, string Html)
{
    public static async Task<PhoneStep> ReadAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return new PhoneStep(response, null, "");
        var page = await FormClient.ParseAsync(response);
        return new PhoneStep(response, page, page.DocumentElement.OuterHtml);
    }

    public string Errors => Page?.QuerySelector("#phone-errors")?.TextContent.Trim() + " " +
                            string.Join(" ", Page?.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()) ?? []);
}

public static partial class PhoneTestKit
{
    private static int _next = Random.Shared.Next(1000, 9000) * 1000;

    /// <summary>A fresh mainland mobile number, as a resident would type it.</summary>
    public static string NewMobile() => "139" + Interlocked.Increment(ref _next).ToString("D8");

    public static Task<List<SmsMessage>> SmsToAsync(this PortalFactory factory, string e164) =>
        factory.WithDb(db => db.Set<SmsMessage>().AsNoTracking().Where(m => m.To == e164).OrderBy(m => m.Id).ToListAsync());

    /// <summary>The 6-digit code in the newest SMS kept in the outbox for <paramref name="e164"/>.</summary>
    public static async Task<string> LatestCodeAsync(this PortalFactory factory, string e164)
    {
        var sms = (await factory.SmsToAsync(e164)).LastOrDefault() ?? throw new InvalidOperationException($"no SMS to {e164}");
        return SixDigits().Match(sms.Text).Value;
    }

    /// <summary>Fills the phone form of /account/phone and posts it.</summary>
    public static async Task<PhoneStep> RequestCodeAsync(this HttpClient client, string phone) =>
        await PhoneStep.ReadAsync(await client.SubmitFormAsync("/account/phone", new Dictionary<string, string> { ["Phone"] = phone }, "#phone-send"));

    /// <summary>Posts the code form of the page <paramref name="step"/> answered with.</summary>
    public static async Task<PhoneStep> EnterCodeAsync(this HttpClient client, PhoneStep step, string code, bool consent = true)
    {
        var fields = new Dictionary<string, string> { ["Code"] = code };
        if (consent) fields["Consent"] = "true";
        return await PhoneStep.ReadAsync(await client.SubmitFormAsync(step.Page!, fields, "#phone-verify"));
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}
