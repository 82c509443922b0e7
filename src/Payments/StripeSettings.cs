using Microsoft.Extensions.Options;
using Portal.Features.Funding;
using Stripe;

namespace Portal.Payments;

public sealed class StripeSettings
{
    public string? SecretKey { get; set; }
    public string? PublishableKey { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>Overrides Stripe's API address, e.g. a local stand-in in tests.</summary>
    public string? ApiBase { get; set; }

    /// <summary>With no keys (the embedded default) card payment is hidden and only offline payment is offered.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(WebhookSecret);
}

public static class StripeSetup
{
    public static IServiceCollection AddPortalPayments(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<StripeSettings>(config.GetSection("Stripe"));
        services.AddSingleton<IStripeClient>(sp =>
        {
            var s = sp.GetRequiredService<IOptions<StripeSettings>>().Value;
            var options = new StripeClientOptions { ApiKey = string.IsNullOrWhiteSpace(s.SecretKey) ? "sk_not_configured" : s.SecretKey };
            if (!string.IsNullOrWhiteSpace(s.ApiBase)) options.ApiBase = s.ApiBase;
            return new StripeClient(options);
        });
        services.AddScoped<ICardPayments, StripeCardPayments>();
        services.AddScoped<CardCheckout>();
        services.AddScoped<IStripeEventHandler, CheckoutSessionCompleted>();
        services.AddScoped<IStripeEventHandler, PaymentIntentSucceeded>();
        services.AddScoped<IStripeEventHandler, PaymentIntentFailed>();
        services.AddScoped<IStripeEventHandler, ChargeRefunded>();
        return services;
    }
}
