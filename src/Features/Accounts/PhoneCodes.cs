using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Notifications.Sms;

namespace Portal.Features.Accounts;

/// <summary>Limits on code SMS (`Sms:Limits`). Counted from the database, so they hold across web servers.</summary>
public sealed class PhoneCodeLimits
{
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(60);
    public int PerPhonePerDay { get; set; } = 10;
    public int PerIpPerDay { get; set; } = 50;
}

public enum SendCodeOutcome { Sent, TooSoon, ProviderFailed }

/// <summary>What happened to a code request; <see cref="TryAgainAt"/> says when a refused request may be repeated.</summary>
public sealed record SendCodeResult(SendCodeOutcome Outcome, DateTimeOffset? TryAgainAt = null);

/// <summary>What happened to an entered code; <see cref="TriesLeft"/> after a wrong one.</summary>
public sealed record CheckCodeResult(PhoneCodeCheck Outcome, int TriesLeft = 0);

/// <summary>Sends a 6-digit code to a phone and checks what the resident types back.</summary>
public sealed class PhoneCodes(PortalDb db, CodeHasher hasher, ISmsSender sms, TimeProvider clock, IOptions<PhoneCodeLimits> limits,
    IStringLocalizer<AccountText> t, ILogger<PhoneCodes> log)
{
    public const string LoginPurpose = "login";
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Sends a code for <paramref name="purpose"/> to <paramref name="phone"/> (E.164) unless a limit says wait.</summary>
    /// <param name="assisted">
    /// A building lead registers the owner (楼门长代办): the owner reads the code out to the lead beside them, so the text
    /// says so instead of "tell nobody" (its own template, <c>Sms:Aliyun:AssistCodeTemplateCode</c>).
    /// </param>
    public async Task<SendCodeResult> SendAsync(string phone, string purpose, string? ip, CancellationToken ct = default, bool assisted = false)
    {
        var now = clock.GetUtcNow();
        var since = now - Day;
        var l = limits.Value;
        var forPhone = await db.Set<PhoneCode>().Where(c => c.Phone == phone && c.CreatedAt >= since)
            .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(ct);
        DateTimeOffset? wait = null;
        if (forPhone.Count > 0 && forPhone[^1] + l.Cooldown > now) wait = forPhone[^1] + l.Cooldown;
        if (forPhone.Count >= l.PerPhonePerDay) wait = Later(wait, forPhone[forPhone.Count - l.PerPhonePerDay] + Day);
        if (ip is not null)
        {
            var forIp = await db.Set<PhoneCode>().Where(c => c.Ip == ip && c.CreatedAt >= since)
                .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(ct);
            if (forIp.Count >= l.PerIpPerDay) wait = Later(wait, forIp[forIp.Count - l.PerIpPerDay] + Day);
        }
        if (wait is not null)
        {
            log.LogWarning("Code SMS to {Phone} from {Ip} refused until {Until}", PhoneNumberRules.Mask(phone), ip, wait);
            return new SendCodeResult(SendCodeOutcome.TooSoon, wait);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        foreach (var older in await db.Set<PhoneCode>().Where(c => c.Phone == phone && c.Purpose == purpose && c.Status == PhoneCodeStatus.Waiting).ToListAsync(ct))
            older.Supersede();
        db.Add(new PhoneCode(phone, purpose, await hasher.HashAsync("sms:" + purpose, code, ct), ip, now));
        await db.SaveChangesAsync(ct);
        try
        {
            var message = assisted
                ? new OutgoingSms(phone, "account.assist-code", "AssistCodeTemplateCode", new Dictionary<string, string> { ["code"] = code }, t["Sms_AssistCodeText", code])
                : new OutgoingSms(phone, "account.code", "LoginTemplateCode", new Dictionary<string, string> { ["code"] = code }, t["Sms_CodeText", code]);
            await sms.SendAsync(message, ct);
            return new SendCodeResult(SendCodeOutcome.Sent);
        }
        catch (SmsSendException ex)
        {
            log.LogError("Code SMS to {Phone} failed at the provider: {Code} {Message}", PhoneNumberRules.Mask(phone), ex.ProviderCode, ex.Message);
            return new SendCodeResult(SendCodeOutcome.ProviderFailed);
        }
    }

    /// <summary>Checks <paramref name="code"/> against the newest code sent for <paramref name="purpose"/>; a wrong entry counts.</summary>
    public async Task<CheckCodeResult> CheckAsync(string phone, string purpose, string code, CancellationToken ct = default)
    {
        var current = await db.Set<PhoneCode>().Where(c => c.Phone == phone && c.Purpose == purpose)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (current is null) return new CheckCodeResult(PhoneCodeCheck.Voided);
        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        var matches = typed.Length == PhoneCode.Digits && await hasher.MatchesAsync("sms:" + purpose, typed, current.CodeHash, ct);
        var outcome = current.Check(matches, clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            // Another server recorded an entry of this code at the same moment: count this one as not accepted.
            return new CheckCodeResult(PhoneCodeCheck.Wrong, current.TriesLeft);
        }
        return new CheckCodeResult(outcome, current.TriesLeft);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is null || b > a ? b : a.Value;
}

/// <summary>What a refused code request tells the person: in seconds for the cooldown, else the date and time (daily caps).</summary>
public static class SmsWait
{
    public static string Text(IStringLocalizer<AccountText> t, DateTimeOffset tryAgainAt, DateTimeOffset now)
    {
        var wait = tryAgainAt - now;
        return wait <= TimeSpan.FromMinutes(2)
            ? t["Sms_TryAgainInSeconds", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))]
            : t["Sms_TryAgainAt", Shanghai.ToLocal(tryAgainAt).DateTime];
    }
}
