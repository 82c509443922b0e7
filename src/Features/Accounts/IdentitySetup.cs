using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Domain.Residents;

namespace Portal.Features.Accounts;

public static class PortalPolicies
{
    public const string PlatformAdmin = "PlatformAdmin";
}

public static class IdentitySetup
{
    /// <summary>Identity with EF stores; password, lockout and sign-in policy come from the "Identity" section.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<PortalUser, IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>()
            .AddDefaultTokenProviders();
        services.Configure<IdentityOptions>(config.GetSection("Identity"));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.PlatformAdmin, p => p.RequireRole(PlatformRoles.Admin));
        services.AddScoped<CompoundAccess>();
        services.AddScoped<CapabilityPageFilter>();
        return services;
    }
}
