using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Notifications.Sms;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>
/// Stands in for dysmsapi.aliyuncs.com: checks the signature with its own code (not the portal's signer) and answers
/// like Aliyun, {"Code":"OK",...} or SignatureDoesNotMatch with HTTP 400.
/// </summary>
public static class AliyunStandIn
{
    public const string AccessKeyId = "LTAI-stand-in";
    public const string Secret = "stand-in-secret";

    public static Dictionary<string, string> Parameters(RecordedRequest request) =>
        request.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""));

    public static bool SignatureHolds(Dictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("Signature", out var signature)) return false;
        var canonical = string.Join("&", parameters.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var toSign = "GET&" + Uri.EscapeDataString("/") + "&" + Uri.EscapeDataString(canonical);
        using var mac = new HMACSHA1(Encoding.UTF8.GetBytes(Secret + "&"));
        return Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(toSign))) == signature;
    }

    public static Task<StubServer> StartAsync() => StubServer.StartAsync(request =>
    {
        var parameters = Parameters(request);
        var ok = request.Method == "GET" && SignatureHolds(parameters) && parameters.GetValueOrDefault("AccessKeyId") == AccessKeyId
                 && parameters.GetValueOrDefault("Version") == "2017-05-25" && parameters.GetValueOrDefault("SignatureVersion") == "1.0";
        return Task.FromResult(ok
            ? (200, JsonSerializer.Serialize(new { Code = "OK", Message = "OK", BizId = "biz-" + parameters["SignatureNonce"][..8], RequestId = Guid.NewGuid() }))
            : (400, JsonSerializer.Serialize(new { Code = "SignatureDoesNotMatch", Message = "Specified signature is not matched with our calculation.", RequestId = Guid.NewGuid() })));
    });

    public static PhoneFactory Portal(StubServer stub, string secret = Secret) => (PhoneFactory)new PhoneFactory()
        .With("Sms:Provider", "Aliyun")
        .With("Sms:Aliyun:Endpoint", stub.Address.ToString())
        .With("Sms:Aliyun:AccessKeyId", AccessKeyId)
        .With("Sms:Aliyun:AccessKeySecret", secret)
        .With("Sms:Aliyun:SignName", "小区议事")
        .With("Sms:Aliyun:LoginTemplateCode", "SMS_100001")
        .With("Sms:Limits:PerIpPerDay", "100000");
}

public sealed class AliyunSmsTests : IAsyncLifetime
{
    private StubServer _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await AliyunStandIn.StartAsync();
    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task A_resident_signs_in_with_the_code_aliyun_delivered_under_a_verified_signature()
    {
        await using var factory = AliyunStandIn.Portal(_stub);
        var phone = PhoneTestKit.NewMobile();
        var client = factory.NewClient();
        var step = await client.RequestCodeAsync(phone);
        Assert.Equal("", step.Errors.Trim());

        var request = Assert.Single(_stub.Requests);
        var parameters = AliyunStandIn.Parameters(request);
        Assert.True(AliyunStandIn.SignatureHolds(parameters));
        Assert.Equal("SendSms", parameters["Action"]);
        Assert.Equal(phone, parameters["PhoneNumbers"]);
        Assert.Equal("小区议事", parameters["SignName"]);
        Assert.Equal("SMS_100001", parameters["TemplateCode"]);
        Assert.Equal("cn-hangzhou", parameters["RegionId"]);
        var code = JsonDocument.Parse(parameters["TemplateParam"]).RootElement.GetProperty("code").GetString()!;

        var signedIn = await client.EnterCodeAsync(step, code);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        var sms = Assert.Single(await factory.SmsToAsync("+86" + phone));
        Assert.Equal(SmsStatus.Sent, sms.Status);
        Assert.StartsWith("biz-", sms.ProviderId);
        // The kept copy counts the SMS but does not hold the code (kept only as a keyed hash elsewhere).
        Assert.DoesNotContain(code, sms.Text);
        Assert.Contains("******", sms.Text);
    }

    [Fact]
    public void The_assisted_sign_up_code_has_its_own_template_and_falls_back_to_the_login_one()
    {
        var settings = new AliyunSmsSettings { LoginTemplateCode = "SMS_100001" };
        Assert.Equal("SMS_100001", settings.TemplateCode("AssistCodeTemplateCode"));
        settings.AssistCodeTemplateCode = "SMS_100009";
        Assert.Equal("SMS_100009", settings.TemplateCode("AssistCodeTemplateCode"));
        Assert.Equal("SMS_100001", settings.TemplateCode("LoginTemplateCode"));
    }

    [Fact]
    public async Task A_refused_signature_is_a_clear_message_for_the_resident_and_a_logged_failure_for_the_admin()
    {
        await using var factory = AliyunStandIn.Portal(_stub, secret: "not-the-secret");
        var phone = PhoneTestKit.NewMobile();
        var step = await factory.NewClient().RequestCodeAsync(phone);
        Assert.Equal(HttpStatusCode.OK, step.Response.StatusCode);
        Assert.Contains("短信暂时发送失败", step.Errors);
        Assert.DoesNotContain("SignatureDoesNotMatch", step.Html);
        var sms = Assert.Single(await factory.SmsToAsync("+86" + phone));
        Assert.Equal(SmsStatus.Failed, sms.Status);
        Assert.Contains("SignatureDoesNotMatch", sms.Error);
    }
}
