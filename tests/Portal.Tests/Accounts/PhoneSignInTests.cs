using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Features.Accounts;
using Portal.Notifications.Sms;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

public sealed class PhoneFactoryFixture : IAsyncLifetime
{
    public PhoneFactory Factory { get; } = (PhoneFactory)new PhoneFactory().With("Sms:Limits:PerIpPerDay", "100000");

    public ValueTask InitializeAsync()
    {
        _ = Factory.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Phone sign-in through the real /account/phone page, with SMS kept in the outbox (the default).</summary>
public sealed class PhoneSignInTests(PhoneFactoryFixture fixture) : IClassFixture<PhoneFactoryFixture>
{
    private readonly PhoneFactory _factory = fixture.Factory;

    [Fact]
    public async Task A_new_resident_signs_up_with_a_phone_and_the_sms_code_and_comes_back_to_the_same_account()
    {
        var phone = PhoneTestKit.NewMobile();
        var e164 = "+86" + phone;
        var client = _factory.NewClient();
        var sent = await client.RequestCodeAsync(phone);
        Assert.NotNull(sent.Page!.QuerySelector("#phone-verify"));
        Assert.Contains(PhoneNumberRules.Mask(e164), sent.Page.QuerySelector("#phone-code-sent")!.TextContent);
        Assert.Equal("tel", sent.Page.QuerySelector("#phone-send input[name=Phone]")!.GetAttribute("type"));

        var sms = Assert.Single(await _factory.SmsToAsync(e164));
        Assert.Equal(SmsStatus.KeptInOutbox, sms.Status);
        var code = await _factory.LatestCodeAsync(e164);
        Assert.Matches(@"^\d{6}$", code);
        // Only the keyed hash is stored.
        var stored = await _factory.WithDb(db => db.Set<PhoneCode>().AsNoTracking().SingleAsync(c => c.Phone == e164));
        Assert.DoesNotContain(code, stored.CodeHash);

        var signedIn = await client.EnterCodeAsync(sent, code);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        Assert.Equal("/", signedIn.Response.Headers.Location!.ToString());
        var user = await _factory.WithDb(db => db.Users.AsNoTracking().SingleAsync(u => u.PhoneNumber == e164));
        Assert.True(user.PhoneNumberConfirmed);
        Assert.Null(user.Email);
        Assert.NotNull(user.PrivacyConsentAt);

        // A second browser gets its own code; the first one, used up and superseded, no longer signs in.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var other = _factory.NewClient();
        var again = await other.RequestCodeAsync(phone);
        var fresh = await _factory.LatestCodeAsync(e164);
        if (fresh != code) Assert.Contains("验证码不正确", (again = await other.EnterCodeAsync(again, code)).Errors);
        var back = await other.EnterCodeAsync(again, fresh);
        Assert.Equal(HttpStatusCode.Redirect, back.Response.StatusCode);
        Assert.Equal(1, await _factory.WithDb(db => db.Users.CountAsync(u => u.PhoneNumber == e164)));

        // The admin outbox lists and counts the SMS.
        var admin = $"admin-{Guid.NewGuid():N}@example.com";
        await _factory.CreateUserAsync(admin, admin: true);
        var outbox = await (await _factory.SignedInClientAsync(admin)).GetDocumentAsync("/admin/outbox?to=" + Uri.EscapeDataString(e164));
        Assert.Equal(2, outbox.QuerySelectorAll(".outbox-sms").Length);
        Assert.True(int.Parse(outbox.QuerySelector("#sms-count")!.TextContent) >= 2);
    }

    [Theory]
    [InlineData("12345", "请输入有效的手机号")]
    [InlineData("+44 7400 123456", "目前只支持中国大陆手机号")]
    [InlineData("010-6552 9988", "这是固定电话号码")]
    public async Task Bad_phone_numbers_are_answered_in_chinese_and_send_nothing(string typed, string message)
    {
        var before = await _factory.WithDb(db => db.Set<SmsMessage>().CountAsync());
        var answer = await _factory.NewClient().RequestCodeAsync(typed);
        Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode);
        Assert.Contains(message, answer.Errors);
        Assert.Null(answer.Page!.QuerySelector("#phone-verify"));
        Assert.Equal(before, await _factory.WithDb(db => db.Set<SmsMessage>().CountAsync()));
    }

    [Fact]
    public async Task A_second_code_within_60_seconds_is_not_sent_and_the_page_says_when_to_try_again()
    {
        var phone = PhoneTestKit.NewMobile();
        var client = _factory.NewClient();
        await client.RequestCodeAsync(phone);
        _factory.Clock.Advance(TimeSpan.FromSeconds(20));
        var tooSoon = await client.RequestCodeAsync(phone);
        Assert.Contains("请在40秒后再试", tooSoon.Errors);
        Assert.Single(await _factory.SmsToAsync("+86" + phone));

        _factory.Clock.Advance(TimeSpan.FromSeconds(41));
        await client.RequestCodeAsync(phone);
        Assert.Equal(2, (await _factory.SmsToAsync("+86" + phone)).Count);
    }

    [Fact]
    public async Task Ten_codes_a_day_per_phone_then_nothing_until_the_next_day()
    {
        var phone = PhoneTestKit.NewMobile();
        var client = _factory.NewClient();
        for (var i = 0; i < 10; i++)
        {
            var sent = await client.RequestCodeAsync(phone);
            Assert.Equal("", sent.Errors.Trim());
            _factory.Clock.Advance(TimeSpan.FromSeconds(61));
        }
        var capped = await client.RequestCodeAsync(phone);
        Assert.Contains("今天的验证码次数已用完", capped.Errors);
        // ... and says when: a day after the first of the ten, in Asia/Shanghai.
        var first = (await _factory.SmsToAsync("+86" + phone))[0].CreatedAt;
        Assert.Contains($"请于{first.AddDays(1).ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}后再试", capped.Errors);
        Assert.Equal(10, (await _factory.SmsToAsync("+86" + phone)).Count);

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await client.RequestCodeAsync(phone);
        Assert.Equal("", nextDay.Errors.Trim());
        Assert.Equal(11, (await _factory.SmsToAsync("+86" + phone)).Count);
    }

    [Fact]
    public async Task Five_wrong_codes_void_the_code_and_each_wrong_one_says_how_many_tries_are_left()
    {
        var phone = PhoneTestKit.NewMobile();
        var e164 = "+86" + phone;
        var client = _factory.NewClient();
        var step = await client.RequestCodeAsync(phone);
        var code = await _factory.LatestCodeAsync(e164);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
        {
            step = await client.EnterCodeAsync(step, wrong);
            Assert.Contains($"还可以再试{left}次", step.Errors);
        }
        step = await client.EnterCodeAsync(step, wrong);
        Assert.Contains("验证码已失效", step.Errors);
        // Even the right code no longer works.
        step = await client.EnterCodeAsync(step, code);
        Assert.Equal(HttpStatusCode.OK, step.Response.StatusCode);
        Assert.Contains("验证码已失效", step.Errors);
        Assert.False(await _factory.WithDb(db => db.Users.AnyAsync(u => u.PhoneNumber == e164)));
    }

    [Fact]
    public async Task An_expired_code_says_so()
    {
        var phone = PhoneTestKit.NewMobile();
        var client = _factory.NewClient();
        var step = await client.RequestCodeAsync(phone);
        var code = await _factory.LatestCodeAsync("+86" + phone);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await client.EnterCodeAsync(step, code);
        Assert.Contains("验证码已过期", late.Errors);
    }

    [Fact]
    public async Task Without_consent_to_the_privacy_notice_nobody_is_signed_in_and_the_code_still_counts_no_try()
    {
        var phone = PhoneTestKit.NewMobile();
        var client = _factory.NewClient();
        var step = await client.RequestCodeAsync(phone);
        var code = await _factory.LatestCodeAsync("+86" + phone);
        var refused = await client.EnterCodeAsync(step, code, consent: false);
        Assert.Contains("请先阅读并勾选同意", refused.Errors);
        var accepted = await client.EnterCodeAsync(refused, code);
        Assert.Equal(HttpStatusCode.Redirect, accepted.Response.StatusCode);
    }
}

/// <summary>The per-IP daily cap: many phones from one address.</summary>
public sealed class PhoneIpCapTests : IAsyncLifetime
{
    private readonly PhoneFactory _factory = (PhoneFactory)new PhoneFactory().With("Sms:Limits:PerIpPerDay", "3");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task One_address_gets_at_most_the_daily_number_of_codes_whatever_the_phones()
    {
        var client = _factory.NewClient();
        for (var i = 0; i < 3; i++) Assert.Equal("", (await client.RequestCodeAsync(PhoneTestKit.NewMobile())).Errors.Trim());
        var capped = await client.RequestCodeAsync(PhoneTestKit.NewMobile());
        Assert.Contains("今天的验证码次数已用完", capped.Errors);
        Assert.Equal(3, await _factory.WithDb(db => db.Set<SmsMessage>().CountAsync()));
    }
}

/// <summary>Two web servers on one database: the limits are counted there, so a second server does not reset them.</summary>
public sealed class PhoneLimitsAcrossServersTests
{
    [Fact]
    public async Task The_cooldown_and_the_wrong_tries_hold_when_requests_alternate_between_two_servers()
    {
        await using var a = (PhoneFactory)new PhoneFactory().With("Sms:Limits:PerIpPerDay", "100000");
        await using var b = (PhoneFactory)new PhoneFactory().With("Sms:Limits:PerIpPerDay", "100000").With("ConnectionStrings:Portal", $"Data Source={a.DatabasePath}");
        _ = a.Services; _ = b.Services;
        b.Clock.Now = a.Clock.Now;
        var phone = PhoneTestKit.NewMobile();
        var e164 = "+86" + phone;

        var onA = a.NewClient();
        var step = await onA.RequestCodeAsync(phone);
        a.Clock.Advance(TimeSpan.FromSeconds(30));
        b.Clock.Advance(TimeSpan.FromSeconds(30));
        var onB = b.NewClient();
        var tooSoon = await onB.RequestCodeAsync(phone);
        Assert.Contains("请在30秒后再试", tooSoon.Errors);
        Assert.Single(await a.SmsToAsync(e164));

        // Wrong entries on either server count against the same code: the fifth voids it, wherever it is typed.
        var code = await a.LatestCodeAsync(e164);
        var wrong = code == "000000" ? "111111" : "000000";
        var onBStep = tooSoon;
        for (var i = 0; i < 4; i++)
        {
            if (i % 2 == 0) step = await onA.EnterCodeAsync(step, wrong);
            else onBStep = await onB.EnterCodeAsync(onBStep, wrong);
        }
        Assert.Contains("还可以再试1次", onBStep.Errors);
        step = await onA.EnterCodeAsync(step, wrong);
        Assert.Contains("验证码已失效", step.Errors);
        Assert.Contains("验证码已失效", (await onB.EnterCodeAsync(onBStep, code)).Errors);
        Assert.False(await a.WithDb(db => db.Users.AnyAsync(u => u.PhoneNumber == e164)));
    }
}
