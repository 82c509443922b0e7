using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

public sealed class HomeAndLanguageTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private readonly PortalFactory _factory = fixture.Factory;

    [Fact]
    public async Task Home_page_is_in_simplified_chinese_by_default()
    {
        var client = _factory.NewClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.BodyAsync();
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("小区居民议事平台", html);
    }

    [Fact]
    public async Task An_english_browser_still_gets_chinese_until_english_is_chosen()
    {
        var client = _factory.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Contains("小区居民议事平台", await (await client.GetAsync("/")).BodyAsync());
    }

    [Fact]
    public async Task Choosing_english_is_remembered_in_a_cookie_and_chinese_can_be_chosen_again()
    {
        var client = _factory.NewClient();
        var switched = await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "en" },
            formSelector: "form[action='/preferences/culture']");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Portal.Culture=") && c.Contains("en"));

        var english = await (await client.GetAsync("/account/login")).BodyAsync();
        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains("Log in", english);
        Assert.DoesNotContain("忘记密码", english);

        await client.SubmitFormAsync("/", new Dictionary<string, string> { ["culture"] = "zh-CN" }, formSelector: "form[action='/preferences/culture']");
        Assert.Contains("忘记密码", await (await client.GetAsync("/account/login")).BodyAsync());
    }

    [Fact]
    public async Task Large_text_mode_is_remembered()
    {
        var client = _factory.NewClient();
        await client.SubmitFormAsync("/", new Dictionary<string, string> { ["large"] = "1" }, formSelector: "form[action='/preferences/text-size']");
        var page = await client.GetDocumentAsync("/");
        Assert.Contains("large-text", page.DocumentElement.ClassList);
    }

    [Fact]
    public async Task Language_switch_refuses_to_redirect_off_site()
    {
        var client = _factory.NewClient();
        var page = await client.GetDocumentAsync("/");
        var response = await client.SubmitFormAsync(page, new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "https://evil.example/" },
            formSelector: "form[action='/preferences/culture']");
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Unknown_page_answers_a_localised_404_without_a_stack_trace()
    {
        var response = await _factory.NewClient().GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.BodyAsync();
        Assert.Contains("页面不存在", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task Health_endpoint_checks_database_and_job_storage()
    {
        var response = await _factory.NewClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.BodyAsync());
    }

    [Fact]
    public async Task Unknown_compound_is_not_found()
    {
        var response = await _factory.NewClient().GetAsync("/c/NOPE");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
