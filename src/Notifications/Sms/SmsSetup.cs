namespace Portal.Notifications.Sms;

public static class SmsSetup
{
    /// <summary>`Sms:Provider` = Outbox (default) or Aliyun (settings under `Sms:Aliyun`).</summary>
    public static IServiceCollection AddPortalSms(this IServiceCollection services, IConfiguration config)
    {
        var provider = config["Sms:Provider"];
        services.Configure<AliyunSmsSettings>(config.GetSection("Sms:Aliyun"));
        if (string.Equals(provider, "Aliyun", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHttpClient<AliyunSmsSender>(c => c.Timeout = TimeSpan.FromSeconds(15));
            services.AddScoped<ISmsSender>(sp => sp.GetRequiredService<AliyunSmsSender>());
        }
        else if (string.IsNullOrWhiteSpace(provider) || string.Equals(provider, "Outbox", StringComparison.OrdinalIgnoreCase))
            services.AddScoped<ISmsSender, OutboxSmsSender>();
        else
            throw new InvalidOperationException($"Sms:Provider must be Outbox or Aliyun, not '{provider}'.");
        return services;
    }
}
