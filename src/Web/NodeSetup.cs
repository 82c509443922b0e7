using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data;

namespace Portal.Web;

/// <summary>What one process of a several-server deployment does (`Portal:Role`).</summary>
public enum NodeRole
{
    /// <summary>Pages, endpoints and the Hangfire server (one machine, the default).</summary>
    All,
    /// <summary>Pages and endpoints; jobs are only enqueued, a worker runs them.</summary>
    Web,
    /// <summary>The Hangfire server and the health endpoints; no pages.</summary>
    Worker,
}

/// <summary>Whether this node should get new requests: false once it has been told to stop.</summary>
public sealed class Readiness
{
    private volatile bool draining;
    public bool Draining => draining;
    public void StartDraining() => draining = true;
}

/// <summary>Whether the data-protection key ring (login cookies, antiforgery) is encrypted at rest.</summary>
public sealed record KeyRingStatus(bool ProtectedAtRest);

public static class NodeSetup
{
    public static NodeRole Role(IConfiguration config) =>
        Enum.TryParse<NodeRole>(config["Portal:Role"], ignoreCase: true, out var role) ? role
        : string.IsNullOrWhiteSpace(config["Portal:Role"]) ? NodeRole.All
        : throw new InvalidOperationException($"Portal:Role must be all, web or worker, not '{config["Portal:Role"]}'.");

    /// <summary>Forwarded headers from trusted proxies, graceful shutdown, readiness.</summary>
    public static IServiceCollection AddPortalNode(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<Readiness>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.GetValue("Portal:ShutdownTimeoutSeconds", 30)));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in List(config["ForwardedHeaders:KnownProxies"]))
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in List(config["ForwardedHeaders:KnownNetworks"]))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The key ring is shared by all nodes through the database; with `DataProtection:CertificatePath` it is encrypted
    /// with that certificate, so a database backup alone cannot forge login cookies.
    /// </summary>
    public static IServiceCollection AddPortalKeyRing(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var keys = services.AddDataProtection().SetApplicationName("Portal").PersistKeysToDbContext<PortalDb>();
        var path = config["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            services.AddSingleton(new KeyRingStatus(false));
            return services;
        }
        var full = Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path);
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(full, config["DataProtection:CertificatePassword"],
            X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"DataProtection:CertificatePath {path} has no private key.");
        keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        services.AddSingleton(new KeyRingStatus(true));
        return services;
    }

    /// <summary>On SIGTERM: answer "not ready" for `Portal:DrainSeconds` so the proxy stops sending, then stop.</summary>
    public static void DrainOnStop(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<Readiness>();
        var drain = TimeSpan.FromSeconds(app.Configuration.GetValue("Portal:DrainSeconds", 0));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            readiness.StartDraining();
            if (drain > TimeSpan.Zero) Thread.Sleep(drain);
        });
        if (app.Environment.IsProduction() && !app.Services.GetRequiredService<KeyRingStatus>().ProtectedAtRest)
            app.Logger.LogWarning("The data-protection key ring is stored unencrypted: set DataProtection:CertificatePath " +
                                  "(a certificate shared by all nodes) so a database backup cannot forge login cookies.");
    }

    /// <summary>/healthz (everything), /healthz/live (the process answers), /healthz/ready (database, jobs, not draining).</summary>
    public static void MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz");
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready");
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class DrainingHealthCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(readiness.Draining ? HealthCheckResult.Unhealthy("draining: this node is stopping") : HealthCheckResult.Healthy());
}
