namespace Portal.Features.Consultations;

public static class ConsultationsSetup
{
    public static IServiceCollection AddConsultations(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<OpenConsultation>();
        services.AddScoped<AnswerConsultation>();
        services.AddScoped<ConsultationResults>();
        services.AddScoped<RemindNonAnswering>();
        return services;
    }
}
