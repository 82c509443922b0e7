using Portal.Notifications;

namespace Portal.Notifications.Email;

public static class EmailSetup
{
    /// <summary>SendGrid when `SendGrid:ApiKey` is set; otherwise every message stays in the outbox.</summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection("SendGrid");
        services.Configure<SendGridSettings>(section);
        if (!string.IsNullOrWhiteSpace(section["ApiKey"]))
            services.AddScoped<IEmailSender, SendGridEmailSender>();
        else
            services.AddScoped<IEmailSender, OutboxEmailSender>();
        services.AddScoped<INotifier, StoredNotifier>();
        return services;
    }
}
