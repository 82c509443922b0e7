using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The real app on a temporary SQLite file (or the PostgreSQL server named in PORTAL_TEST_POSTGRES when asked),
/// with Hangfire in memory and email kept in the outbox unless a test points SendGrid elsewhere.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new();

    public PortalFactory()
    {
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "portal.db");
        _settings["ConnectionStrings:Portal"] = $"Data Source={DatabasePath}";
        _settings["Database:Provider"] = "Sqlite";
        _settings["Hangfire:Storage"] = "InMemory";
        _settings["Hangfire:WorkerCount"] = "2";
        _settings["SendGrid:ApiKey"] = "";
        _settings["Stripe:SecretKey"] = "";
        _settings["Logging:LogLevel:Default"] = "Warning";
        _settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error";
    }

    public string DatabasePath { get; }
    public string Folder => _folder;

    /// <summary>Overrides a setting; must be called before the first client or service is asked for.</summary>
    public PortalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Runs against the PostgreSQL database named by the connection string instead of SQLite.</summary>
    public PortalFactory OnPostgres(string connectionString) =>
        With("Database:Provider", "Postgres").With("ConnectionStrings:Portal", connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => ConfigureTestServices(services));
    }

    /// <summary>Hook for tests that replace an edge (the clock, say).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    /// <summary>Starts a real Kestrel socket (for the browser) and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    public async Task<T> Scoped<T>(Func<IServiceProvider, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider);
    }

    public async Task Scoped(Func<IServiceProvider, Task> use)
    {
        using var scope = Services.CreateScope();
        await use(scope.ServiceProvider);
    }

    public async Task<T> WithDb<T>(Func<PortalDb, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    public async Task WithDb(Func<PortalDb, Task> use)
    {
        using var scope = Services.CreateScope();
        await use(scope.ServiceProvider.GetRequiredService<PortalDb>());
    }

    public HttpClient NewClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
