using System.Net;
using System.Text.RegularExpressions;
using Portal.Features.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>Phone sign-in never reveals whether a number has an account (issue 18, point 5).</summary>
public sealed partial class PhoneEnumerationTests(PhoneFactoryFixture fixture) : IClassFixture<PhoneFactoryFixture>
{
    private readonly PhoneFactory _factory = fixture.Factory;

    [Fact]
    public async Task A_known_and_an_unknown_number_get_the_same_answer()
    {
        // A resident with an account.
        var known = PhoneTestKit.NewMobile();
        var signUp = _factory.NewClient();
        var first = await signUp.RequestCodeAsync(known);
        var signedIn = await signUp.EnterCodeAsync(first, await _factory.LatestCodeAsync("+86" + known));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Response.StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past the cooldown

        var unknown = PhoneTestKit.NewMobile();
        var knownClient = _factory.NewClient();
        var unknownClient = _factory.NewClient();
        var forKnown = await knownClient.RequestCodeAsync(known);
        var forUnknown = await unknownClient.RequestCodeAsync(unknown);

        Assert.Equal(forKnown.Response.StatusCode, forUnknown.Response.StatusCode);
        Assert.NotNull(forKnown.Page!.QuerySelector("#phone-verify"));
        Assert.NotNull(forUnknown.Page!.QuerySelector("#phone-verify"));
        Assert.Equal(Normalise(forKnown.Page.QuerySelector("main")!.OuterHtml, known),
                     Normalise(forUnknown.Page.QuerySelector("main")!.OuterHtml, unknown));
        // Both numbers got a code, so neither the page nor the SMS count tells them apart.
        Assert.Equal(2, (await _factory.SmsToAsync("+86" + known)).Count);
        Assert.Single(await _factory.SmsToAsync("+86" + unknown));

        // A wrong code answers alike too.
        var wrongKnown = await knownClient.EnterCodeAsync(forKnown, await WrongCodeAsync(known));
        var wrongUnknown = await unknownClient.EnterCodeAsync(forUnknown, await WrongCodeAsync(unknown));
        Assert.Equal(HttpStatusCode.OK, wrongKnown.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongUnknown.Response.StatusCode);
        Assert.Equal(wrongKnown.Errors, wrongUnknown.Errors);
    }

    private async Task<string> WrongCodeAsync(string phone) =>
        await _factory.LatestCodeAsync("+86" + phone) == "000000" ? "111111" : "000000";

    /// <summary>The page without what must differ: the number itself (typed and masked) and the anti-forgery token.</summary>
    private static string Normalise(string html, string phone) =>
        Token().Replace(html.Replace(phone, "PHONE").Replace(PhoneNumberRules.Mask("+86" + phone), "MASKED"), "value=\"TOKEN\"");

    [GeneratedRegex("value=\"CfDJ[^\"]*\"")]
    private static partial Regex Token();
}
