using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Parser;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>Sign-in and forgot-password answer the same for an existing account and an unknown address, in the same time.</summary>
public sealed class AccountEnumerationTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static string NewEmail() => $"enum-{Guid.NewGuid():N}@example.com";

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>What a visitor can tell apart: status, where it redirects, and the messages shown.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        var messages = string.Join(" | ", document.QuerySelectorAll(".alert, #reset-sent, .text-danger").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        return $"{(int)response.StatusCode} {response.Headers.Location} {document.Title} {messages}";
    }

    [Fact]
    public async Task Five_wrong_passwords_answer_like_five_tries_with_an_unknown_address()
    {
        var known = NewEmail();
        await _factory.CreateUserAsync(known);
        var a = _factory.NewClient();
        var b = _factory.NewClient();
        for (var i = 1; i <= 6; i++)
        {
            var existing = await AnswerAsync(await LoginAsync(a, known, "wrong-password-1"));
            var unknown = await AnswerAsync(await LoginAsync(b, NewEmail(), "wrong-password-1"));
            Assert.Equal(unknown, existing);
            Assert.StartsWith("200", existing);
            Assert.Contains("邮箱或密码不正确", existing);
        }
        // The account is locked all the same: the right password does not sign in either.
        var right = await LoginAsync(a, known, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(await AnswerAsync(await LoginAsync(b, NewEmail(), TestAccounts.Password)), await AnswerAsync(right));
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_in_the_same_time_and_mails_only_the_account()
    {
        var known = NewEmail();
        await _factory.CreateUserAsync(known);
        var client = _factory.NewClient();
        async Task<(string Answer, double Ms)> AskAsync(string email)
        {
            var form = await client.GetAsync("/account/forgot-password");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            var watch = Stopwatch.StartNew();
            var response = await client.SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
            watch.Stop();
            return (await AnswerAsync(response), watch.Elapsed.TotalMilliseconds);
        }

        // Warm up both paths, then 20 interleaved samples of each.
        await AskAsync(known);
        await AskAsync(NewEmail());
        var existing = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var (knownAnswer, knownMs) = await AskAsync(known);
            var unknownEmail = NewEmail();
            var (unknownAnswer, unknownMs) = await AskAsync(unknownEmail);
            Assert.Equal(unknownAnswer, knownAnswer);
            Assert.StartsWith("200", knownAnswer);
            existing.Add(knownMs);
            unknown.Add(unknownMs);
        }
        static double Median(List<double> xs) { var s = xs.Order().ToList(); return (s[9] + s[10]) / 2; }
        var (mk, mu) = (Median(existing), Median(unknown));
        // Before the job, an account took ~27 ms and no account ~8 ms (the reset token and the email in the request):
        // a gap of 19 ms, more than this bound. The bound is loose because a loaded CI machine adds tens of ms of noise.
        Assert.True(Math.Abs(mk - mu) < Math.Max(15, 0.5 * Math.Max(mk, mu)),
            $"median {mk:F1} ms with an account, {mu:F1} ms without");

        var mails = await Eventually.Until(() => _factory.MessagesToAsync(known), m => m.Count >= 21, "the reset emails are sent by the job");
        Assert.All(mails, m => Assert.Contains("/account/reset-password?code=", m.TextBody ?? m.HtmlBody ?? ""));
    }
}
