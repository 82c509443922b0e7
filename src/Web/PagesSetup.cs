using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;
using Portal.Data;
using Microsoft.AspNetCore.Localization;
using Portal.Features.Accounts;
using Portal.Features.Shared;

namespace Portal.Web;

public static class PagesSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];
    public const string CultureCookie = ".Portal.Culture";

    /// <summary>zh-CN by default; English when chosen in the header (remembered in a cookie).</summary>
    public static IServiceCollection AddPortalLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CultureCookie },
            ];
        });
        return services;
    }

    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/src/Pages";
                o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(CapabilityPageFilter)));
                o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(DomainErrorPageFilter)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedText)));
        // Chinese text is written as text, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            // Secure whenever the browser's request was https (behind a proxy: X-Forwarded-Proto from a known proxy).
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<DomainErrorPageFilter>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, LocalizedValidation>();
        return services;
    }
}
