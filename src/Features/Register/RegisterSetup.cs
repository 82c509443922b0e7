using Portal.Domain.Register;

namespace Portal.Features.Register;

public static class RegisterSetup
{
    public static IServiceCollection AddRegister(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RegisterOptions>(config.GetSection("Register"));
        services.AddScoped<RegisterImporter>();
        services.AddScoped<PendingUploads>();
        services.AddScoped<IFlatRemovalGuard, ActiveResidentLinksGuard>();
        services.AddScoped<InvitationCodes>();
        services.AddScoped<IssueLetters>();
        services.AddScoped<RevokeLetters>();
        services.AddScoped<ApproveLinkRequest>();
        services.AddScoped<RejectLinkRequest>();
        services.AddScoped<UnlinkResident>();
        services.AddScoped<SetHelpDesk>();
        return services;
    }
}
