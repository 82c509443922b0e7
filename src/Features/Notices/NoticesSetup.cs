using Portal.Notifications;

namespace Portal.Features.Notices;

public static class NoticesSetup
{
    public static IServiceCollection AddNotices(this IServiceCollection services, IConfiguration config) => services
        .AddScoped<NoticeBoard>()
        .AddScoped<PublishNotice>()
        .AddScoped<IAudienceResolver, NoticeAudience>();
}
