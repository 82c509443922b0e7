namespace Portal.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration config) => services
        .AddScoped<CreateCompound>()
        .AddScoped<AssignRole>()
        .AddScoped<RevokeRole>()
        .AddScoped<AppointCityOfficer>()
        .AddScoped<RemoveCityOfficer>();
}
