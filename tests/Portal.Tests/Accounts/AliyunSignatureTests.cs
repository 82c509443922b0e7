using Portal.Notifications.Sms;

namespace Portal.Tests.Accounts;

public sealed class AliyunSignatureTests
{
    /// <summary>
    /// The worked example of Aliyun's SMS API documentation ("签名机制" / "Signature method",
    /// https://www.alibabacloud.com/help/en/sms/signature-method, and the Chinese HTTP protocol page of 短信服务):
    /// AccessKeyId testId, AccessKeySecret testSecret, SendSms with these parameters gives the string-to-sign below and
    /// the signature zJDF+Lrzhj/ThnlvIToysFRq6t4=.
    /// </summary>
    [Fact]
    public void Signs_the_published_SendSms_example_like_aliyun()
    {
        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = "testId",
            ["Action"] = "SendSms",
            ["Format"] = "XML",
            ["OutId"] = "123",
            ["PhoneNumbers"] = "15300000001",
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = "阿里云短信测试专用",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = "SMS_71390007",
            ["TemplateParam"] = "{\"customer\":\"test\"}",
            ["Timestamp"] = "2017-07-12T02:42:19Z",
            ["Version"] = "2017-05-25",
        };
        var stringToSign = AliyunSignature.StringToSign("GET", parameters.Reverse());
        Assert.Equal(
            "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001"
            + "%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1"
            + "%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007"
            + "%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z"
            + "%26Version%3D2017-05-25",
            stringToSign);
        Assert.Equal("zJDF+Lrzhj/ThnlvIToysFRq6t4=", AliyunSignature.Sign("testSecret", stringToSign));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a*b", "a%2Ab")]
    [InlineData("a~b", "a~b")]
    [InlineData("a+b/c=", "a%2Bb%2Fc%3D")]
    [InlineData("中", "%E4%B8%AD")]
    public void Percent_encodes_per_rfc_3986(string value, string encoded) =>
        Assert.Equal(encoded, AliyunSignature.PercentEncode(value));
}

public sealed class PhoneCodeRuleTests
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_used_code_cannot_be_used_again()
    {
        var code = new Portal.Domain.Residents.PhoneCode("+8613900000000", "login", "hash", "127.0.0.1", Sent);
        Assert.Equal(Portal.Domain.Residents.PhoneCodeCheck.Accepted, code.Check(true, Sent.AddMinutes(1)));
        Assert.Equal(Portal.Domain.Residents.PhoneCodeCheck.Voided, code.Check(true, Sent.AddMinutes(2)));
    }

    [Fact]
    public void A_code_expires_after_five_minutes()
    {
        var code = new Portal.Domain.Residents.PhoneCode("+8613900000000", "login", "hash", null, Sent);
        Assert.Equal(Portal.Domain.Residents.PhoneCodeCheck.Expired, code.Check(true, Sent.AddMinutes(5)));
    }

    [Theory]
    [InlineData("+8613800138000", "138****8000")]
    [InlineData("13800138000", "138****8000")]
    [InlineData(null, "")]
    public void Phones_are_masked(string? phone, string masked) =>
        Assert.Equal(masked, Portal.Features.Accounts.PhoneNumberRules.Mask(phone));
}
