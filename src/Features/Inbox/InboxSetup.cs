namespace Portal.Features.Inbox;

public static class InboxSetup
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration config) => services
        .AddScoped<MarkNotificationsRead>()
        .AddScoped<SavePreferences>()
        .AddScoped<Unsubscribe>();
}
