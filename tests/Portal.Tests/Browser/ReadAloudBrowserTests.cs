using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Notices;
using Portal.Features.Notices;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>The read-aloud (朗读) button of a notice: shown only where the browser has a Chinese voice, and it reads the notice.</summary>
public sealed class ReadAloudBrowserTests
{
    /// <summary>Stands in for the browser's voices; records what would be spoken.</summary>
    private static string FakeVoices(string voicesJson) => $$"""
        (() => {
          const voices = {{voicesJson}};
          window.__spoken = [];
          speechSynthesis.getVoices = () => voices;
          speechSynthesis.speak = u => window.__spoken.push({ text: u.text, lang: u.lang });
          speechSynthesis.cancel = () => {};
        })();
        """;

    [Fact]
    public async Task A_notice_is_read_aloud_in_chinese_where_a_voice_exists_and_the_button_is_hidden_where_none_does()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        var compound = await factory.CreateCompoundAsync("READ", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var owner = await factory.CreateUserAsync("zhao@example.com");
        await factory.LinkAsync(owner.Id, compound, compound.Flat("1-1-101"));
        var noticeId = await factory.Scoped(async sp =>
        {
            var db = sp.GetRequiredService<Portal.Data.PortalDb>();
            var now = DateTimeOffset.UtcNow;
            var notice = new Notice(compound.Id, "停水通知", "2026年12月3日8:00至12:00停水，请提前储水。", NoticeCategory.Outage, NoticeReach.Compound, [],
                pinned: false, requiresAcknowledgement: false, now, null, "test", now);
            db.Add(notice);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NoticeBoard>().PublishOrScheduleAsync(notice, CancellationToken.None);
            return notice.Id;
        });

        foreach (var (voices, readable) in new[] { ("[]", false), ("[{ name: '婷婷', lang: 'zh-CN' }]", true) })
        {
            var page = await browser.NewPageAsync(address);
            await page.Context.AddInitScriptAsync(FakeVoices(voices));
            await page.GotoAsync("/account/login");
            await page.GetByLabel("电子邮箱").FillAsync("zhao@example.com");
            await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
            await page.Locator("#login-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
            await page.GotoAsync($"/c/READ/notices/{noticeId}");
            var button = page.Locator("button.read-aloud");
            if (!readable)
            {
                await Assertions.Expect(button).ToBeHiddenAsync();
                await page.Context.CloseAsync();
                continue;
            }
            await Assertions.Expect(button).ToBeVisibleAsync();
            await Assertions.Expect(button).ToHaveTextAsync("朗读");
            await button.ClickAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "true");
            await Assertions.Expect(button).ToHaveTextAsync("停止朗读");
            var spoken = await page.EvaluateAsync<string[]>("window.__spoken.map(s => s.lang + '|' + s.text)");
            var said = Assert.Single(spoken);
            Assert.StartsWith("zh-CN|停水通知", said);
            Assert.Contains("请提前储水", said);
            Assert.DoesNotContain("朗读", said);
            await button.ClickAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-pressed", "false");
            await page.Context.CloseAsync();
        }
    }
}
