using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Ops;
using Portal.Tests.Authorization;
using Portal.Tests.Infrastructure;
using Portal.Web;

namespace Portal.Tests.Browser;

/// <summary>
/// axe-core over every routable page (found as the authorization test finds them), on the demo data, for each role, in zh and
/// en, with normal and large text, on a 360 px phone: no critical or serious violation, nothing wider than the screen. In zh,
/// every form that has required fields, submitted empty, answers without Latin field names.
/// </summary>
public sealed class AccessibilityBrowserTests
{
    private const int PhoneWidth = 360;

    /// <summary>Pages that are not screens: logging out, the language and text-size switches, the error page.</summary>
    private static readonly string[] NotScreens = ["account/logout", "preferences/culture", "preferences/text-size", "error"];

    /// <summary>A demo account and the pages it checks (<see cref="Checks"/>): pages outside a compound look alike to every
    /// signed-in account, so the owner checks those; compound pages differ between the owner and the committee; the others
    /// check the pages only they can open.</summary>
    private sealed record Role(string Name, string? Email, Func<PageHandler, bool> Checks);

    private static readonly Role[] Roles =
    [
        new("anonymous", null, _ => true),
        new("owner", "resident@demo.local", _ => true),
        new("committee", "committee@demo.local", h => h.HasCompound || h.Gate == Gate.Capability),
        new("building lead", "lead@demo.local", h => h.Capability is Capability.FollowTurnout or Capability.RecordDoorstepAnswers),
        new("city officer", "city@demo.local", h => h.Capability is Capability.ViewCityDashboard),
        new("admin", "admin@demo.local", h => h.Capability is Capability.AdministerPlatform),
    ];

    private sealed record Mode(string Culture, bool LargeText)
    {
        public override string ToString() => $"{Culture}{(LargeText ? " large" : "")}";
    }

    private static readonly Mode[] Modes = [new("zh-CN", false), new("zh-CN", true), new("en", false), new("en", true)];

    /// <summary>Latin words in a zh validation message (a field's code name such as Title or RememberMe, "The … field").</summary>
    private static readonly Regex Latin = new(@"[A-Za-z]{2,}");
    private static readonly HashSet<string> AllowedLatin = ["CSV", "PDF", "SMS", "QR", "URL", "Excel", "xlsx", "csv", "MB", "KB"];

    [Fact]
    public async Task Every_page_has_no_serious_violation_and_fits_360_px_for_every_role_in_zh_and_en_with_normal_and_large_text()
    {
        var browser = await Infrastructure.Browser.SharedAsync();
        await using var factory = new PortalFactory();
        var address = factory.StartKestrel();
        await DemoSeed.RunAsync(factory.Services);
        var urls = await UrlsAsync(factory);
        // While fixing one page: PORTAL_A11Y_ONLY=<regex over the address> checks only those (never set in CI).
        if (Environment.GetEnvironmentVariable("PORTAL_A11Y_ONLY") is { Length: > 0 } only)
            urls = urls.Where(u => Regex.IsMatch(u.Url, only)).ToList();
        var problems = new Problems();
        var total = Stopwatch.StartNew();
        var opened = new HashSet<string>();
        var checks = 0;

        // One context per role, two roles at a time (the app, Chromium and axe share two cores in CI).
        var gate = new SemaphoreSlim(2);
        await Task.WhenAll(Roles.Select(async role =>
        {
            await gate.WaitAsync();
            try { Interlocked.Add(ref checks, await CheckRoleAsync(browser, address, role, urls.Where(u => role.Checks(u.Page)).Select(u => u.Url).ToList(), problems, opened)); }
            finally { gate.Release(); }
        }));
        total.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine($"{opened.Count} of {urls.Count} pages, {checks} axe checks in {total.Elapsed.TotalSeconds:F0} s");
        var unopened = urls.Select(u => u.Url).Except(opened).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"not opened by any role: {string.Join(", ", unopened)}");
        Assert.True(unopened.Count <= 3 || Environment.GetEnvironmentVariable("PORTAL_A11Y_ONLY") is { Length: > 0 }, $"only {opened.Count} of {urls.Count} pages could be opened: missing {string.Join(", ", unopened)}");
        Assert.True(problems.Count == 0, problems.Report());
    }

    /// <summary>
    /// The role's pages that it can open (not sent to log in or refused), in every mode; then, in zh, its forms submitted empty.
    /// </summary>
    private static async Task<int> CheckRoleAsync(Infrastructure.Browser browser, Uri address, Role role, IReadOnlyList<string> urls, Problems problems, HashSet<string> opened)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 740 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (role.Email is { } email)
        {
            await page.GotoAsync("/account/login");
            await page.Locator("#Input_Email").FillAsync(email);
            await page.Locator("#Input_Password").FillAsync(DemoSeed.Password);
            await page.Locator("#login-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/account/login"));
        }
        var checks = 0;
        var mine = new List<string>();
        foreach (var mode in Modes)
        {
            await SetModeAsync(context, address, mode);
            foreach (var url in mode == Modes[0] ? urls : mine)
            {
                try
                {
                    var response = await page.GotoAsync(url);
                    if (mode == Modes[0])
                    {
                        var landed = new Uri(page.Url).AbsolutePath;
                        if (landed != url.Split('?')[0] && (landed.StartsWith("/account/login") || landed.StartsWith("/account/access-denied"))) continue;
                        lock (opened) opened.Add(url);
                        mine.Add(url);
                    }
                    var where = $"{role.Name}, {mode}";
                    if ((response?.Status ?? 200) >= 500) problems.Add(url, $"answered {response!.Status}", where);
                    var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                    if (width > PhoneWidth) problems.Add(url, $"{width} px wide on a {PhoneWidth} px screen: {await WidestAsync(page)}", where);
                    var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
                    checks++;
                    foreach (var v in axe.Violations.Where(v => v.Impact is "critical" or "serious"))
                    foreach (var node in v.Nodes)
                        problems.Add(url, $"{v.Id} ({v.Impact}) at {node.Target}", where);
                }
                catch (PlaywrightException ex)
                {
                    problems.Add(url, "could not be checked: " + ex.Message.Split('\n')[0], $"{role.Name}, {mode}");
                }
            }
        }

        // In zh: every form with required fields, submitted empty, names its fields in Chinese.
        await SetModeAsync(context, address, Modes[0]);
        foreach (var url in mine)
        {
            try { await EmptyFormMessagesAsync(page, url, role.Name, problems); }
            catch (PlaywrightException ex) { problems.Add(url, "forms could not be submitted: " + ex.Message.Split('\n')[0], role.Name); }
        }
        await context.CloseAsync();
        return checks;
    }

    private static Task SetModeAsync(IBrowserContext context, Uri address, Mode mode) => context.AddCookiesAsync(
    [
        new Cookie { Name = PagesSetup.CultureCookie, Value = $"c={mode.Culture}|uic={mode.Culture}", Url = address.ToString() },
        new Cookie { Name = LayoutPreferences.LargeTextCookie, Value = mode.LargeText ? "1" : "0", Url = address.ToString() },
    ]);

    /// <summary>Each problem once, with the roles and modes where it shows.</summary>
    private sealed class Problems
    {
        private readonly SortedDictionary<string, SortedSet<string>> _seen = new(StringComparer.Ordinal);
        public int Count { get { lock (_seen) return _seen.Count; } }

        public void Add(string url, string what, string where)
        {
            lock (_seen)
            {
                var key = $"{url}: {what}";
                if (!_seen.TryGetValue(key, out var places)) _seen[key] = places = new SortedSet<string>(StringComparer.Ordinal);
                places.Add(where);
            }
        }

        public string Report()
        {
            lock (_seen)
                return $"{_seen.Count} problem(s):\n" + string.Join("\n", _seen.Take(150).Select(kv => $"{kv.Key}  [{string.Join("; ", kv.Value.Take(6))}{(kv.Value.Count > 6 ? "; …" : "")}]"));
        }
    }

    /// <summary>Every GET page of the app, with the demo's real ids in its route.</summary>
    private static async Task<List<(string Url, PageHandler Page)>> UrlsAsync(PortalFactory factory)
    {
        var handlers = await PageCatalogue.AllAsync(factory.Services);
        var ids = await factory.WithDb(async db =>
        {
            var compound = await db.Set<Compound>().SingleAsync(c => c.Code == DemoSeed.CompoundCode);
            var withCampaign = await db.Set<Campaign>().Where(c => c.CompoundId == compound.Id).Select(c => c.PlanItemId).FirstAsync();
            return new Dictionary<string, long>
            {
                ["admin/compounds/"] = compound.Id,
                ["notices/"] = await db.Set<Notice>().Where(n => n.CompoundId == compound.Id).Select(n => n.Id).FirstAsync(),
                ["votes/"] = await db.Set<Vote>().Where(v => v.CompoundId == compound.Id).Select(v => v.Id).FirstAsync(),
                ["proposals/"] = await db.Set<Proposal>().Where(p => p.CompoundId == compound.Id).Select(p => p.Id).FirstAsync(),
                ["consultations/"] = await db.Set<Portal.Domain.Consultations.Consultation>().Where(c => c.CompoundId == compound.Id).Select(c => c.Id).FirstAsync(),
                ["plan/item/"] = withCampaign,
                ["projects/"] = withCampaign,
                ["funding/"] = withCampaign,
            };
        });
        return handlers.Where(h => h.Verb == "GET" && h.Name is null && !NotScreens.Contains(h.Template)).DistinctBy(h => h.Template)
            .Select(h => ("/" + Regex.Replace(h.Template, @"\{(\w+)(:[^}]*)?\??\}", m =>
            {
                if (m.Groups[1].Value == "compound") return DemoSeed.CompoundCode;
                var prefix = h.Template[..m.Index];
                return ids.First(kv => prefix.EndsWith(kv.Key)).Value.ToString();
            }), h))
            .OrderBy(u => u.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>The element that sticks out furthest to the right, to say what to fix.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const clipped = el => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
              if (getComputedStyle(p).overflowX !== 'visible') return true;
            return false;
          };
          let worst = null, right = 0;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect().right;
            if (r > right && !clipped(el)) { right = r; worst = el; }
          }
          return worst ? `${worst.tagName.toLowerCase()}${worst.id ? '#' + worst.id : ''}.${[...worst.classList].join('.')} to ${right.toFixed(1)} px` : '';
        }
        """);

    private static async Task EmptyFormMessagesAsync(IPage page, string url, string role, Problems problems)
    {
        await page.GotoAsync(url);
        var forms = await page.EvaluateAsync<int>("document.querySelectorAll('main form[method=post]').length");
        for (var i = 0; i < forms; i++)
        {
            if (i > 0) await page.GotoAsync(url);
            // Only forms with a required field: submitted empty they are refused, so nothing changes.
            var hasRequired = await page.EvaluateAsync<bool>(
                "i => !!document.querySelectorAll('main form[method=post]')[i]?.querySelector('[data-val-required]')", i);
            if (!hasRequired) continue;
            try
            {
                await page.RunAndWaitForNavigationAsync(() => page.EvaluateAsync("""
                    i => {
                      const form = document.querySelectorAll('main form[method=post]')[i];
                      form.noValidate = true; // the server's messages, not the browser's
                      for (const el of form.querySelectorAll('input, textarea')) {
                        if (['hidden', 'submit', 'button', 'radio', 'checkbox', 'file'].includes(el.type)) continue;
                        el.value = '';
                      }
                      const submit = form.querySelector('button[type=submit], input[type=submit], button:not([type])');
                      setTimeout(() => submit ? form.requestSubmit(submit) : form.requestSubmit(), 0);
                    }
                    """, i), new() { WaitUntil = WaitUntilState.Load });
            }
            catch (TimeoutException)
            {
                problems.Add(url, $"form {i + 1} did not answer when submitted empty", role);
                continue;
            }
            var messages = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.field-validation-error, .validation-summary-errors li, [data-valmsg-for]')]
                        .map(e => e.textContent.trim()).filter(t => t.length > 0)
                """);
            foreach (var message in messages)
                if (Latin.Matches(message).Any(m => !AllowedLatin.Contains(m.Value)))
                    problems.Add(url, $"form {i + 1} says \"{message}\" in zh", role);
        }
    }
}
