namespace Portal.Features.Residents;

public static class ResidentsSetup
{
    public static IServiceCollection AddResidents(this IServiceCollection services, IConfiguration config) => services
        .AddScoped<ClaimFlat>()
        .AddScoped<AssistSignUp>()
        .AddScoped<RequestLink>()
        .AddScoped<DesignateRepresentative>()
        .AddScoped<HandOverRepresentative>()
        .AddScoped<RepresentativeChange>()
        .AddScoped<ApproveTenantLink>()
        .AddScoped<RefuseTenantLink>();
}
