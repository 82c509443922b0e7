using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Web;

namespace Portal.Features.Accounts;

public static class PortalPolicies
{
    public const string PlatformAdmin = "PlatformAdmin";
}

public static class AccountsSetup
{
    /// <summary>
    /// Identity with EF stores; password, lockout and sign-in policy come from the "Identity" section. Pages send a
    /// caller without login to the login page; /api answers 401/403 JSON instead (<see cref="ApiErrors"/>).
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<PortalUser, IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>()
            .AddDefaultTokenProviders()
            .AddUserValidator<OptionalUniqueEmailValidator>();
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
            var toLogin = o.Events.OnRedirectToLogin;
            var toDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = c => ApiErrors.IsApi(c.Request) ? ApiErrors.WriteAsync(c.Response, StatusCodes.Status401Unauthorized) : toLogin(c);
            o.Events.OnRedirectToAccessDenied = c => ApiErrors.IsApi(c.Request) ? ApiErrors.WriteAsync(c.Response, StatusCodes.Status403Forbidden) : toDenied(c);
            // Identity's validator is resolved on every request only to find, nearly always, that the cookie is younger
            // than the validation interval; building it builds the sign-in and user managers and their store. The same
            // test here first leaves those to the requests that do check the security stamp.
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = c => StampCheckedRecently(c) ? Task.CompletedTask : validate(c);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.PlatformAdmin, p => p.RequireRole(PlatformRoles.Admin));
        services.AddScoped<CompoundAccess>();
        services.AddScoped<CapabilityPageFilter>();
        services.AddScoped<AccountEmails>();
        services.Configure<PhoneCodeLimits>(config.GetSection("Sms:Limits"));
        services.AddSingleton<Portal.Features.Shared.CodeHasher>();
        services.AddScoped<PhoneCodes>();
        services.AddScoped<SignInWithPhone>();
        services.AddScoped<SendPasswordReset>();
        services.AddScoped<PersonalDataQuery>();
        services.AddScoped<CloseAccount>();
        services.AddScoped<PasswordResetJob>();
        return services;
    }

    /// <summary>As <see cref="SecurityStampValidator"/> decides: the cookie was issued within the validation interval.</summary>
    private static bool StampCheckedRecently(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext c)
    {
        if (c.Properties.IssuedUtc is not { } issued) return false;
        var options = c.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return now - issued <= options.ValidationInterval;
    }
}
