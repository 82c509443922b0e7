using Hangfire;
using Portal.Features.Shared;
using Portal.Web;

namespace Portal.Notifications;

public static class NotificationSetup
{
    /// <summary>Fan-out and digest jobs, audience resolvers, email composition; the recurring jobs are registered at start.</summary>
    public static IServiceCollection AddPortalNotifications(this IServiceCollection services)
    {
        services.AddScoped<IAudienceResolver, UsersAudience>();
        services.AddScoped<IAudienceResolver, ResidentsAudience>();
        services.AddScoped<IAudienceResolver, RoleAudience>();
        services.AddScoped<EmailComposer>();
        services.AddScoped<DeliveryClaims>();
        services.AddScoped<FanOutJob>();
        services.AddScoped<FanOutSweeper>();
        services.AddScoped<DigestJob>();
        services.AddHostedService<RecurringNotificationJobs>();
        return services;
    }
}

/// <summary>Registers the digest (20:00 China time) and the sweeper with Hangfire when the app starts.</summary>
public sealed class RecurringNotificationJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var china = new RecurringJobOptions { TimeZone = Shanghai.Zone };
        recurring.AddOrUpdate<DigestJob>(DigestJob.RecurringId, j => j.RunAsync(CancellationToken.None), "0 20 * * *", china);
        recurring.AddOrUpdate<FanOutSweeper>("notification-sweeper", j => j.RunAsync(CancellationToken.None), "*/5 * * * *", china);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
