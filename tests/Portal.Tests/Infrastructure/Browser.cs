using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`: there is no internet here).
/// One browser for the whole run; each test opens its own contexts.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Browser? _shared;

    private readonly IPlaywright _playwright;
    public IBrowser Chromium { get; }

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public static async Task<Browser> SharedAsync()
    {
        TestEnvironment.RequireChromium();
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            var playwright = await Playwright.CreateAsync();
            var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = TestEnvironment.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            _shared = new Browser(playwright, chromium);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh, phone-sized context (residents mostly come from phones) at the app's address.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool phone = true)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh page signed in with the test password through the real login form.</summary>
    public async Task<IPage> SignInAsync(Uri baseAddress, string email, bool phone = true)
    {
        var page = await NewPageAsync(baseAddress, phone);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("电子邮箱").FillAsync(email);
        await page.GetByLabel("密码").FillAsync(TestAccounts.Password);
        await page.Locator("#login-submit").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        _playwright.Dispose();
    }
}
