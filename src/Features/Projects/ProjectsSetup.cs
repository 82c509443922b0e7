using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Features.Projects;

public static class ProjectsSetup
{
    /// <summary>The renovation plan's items and their works. Safe to call more than once.</summary>
    public static IServiceCollection AddProjects(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddScoped<ProjectQueries>();
        services.TryAddScoped<PlanItemFollowUps>();
        services.TryAddScoped<AddPlanItem>();
        services.TryAddScoped<MovePlanItem>();
        services.TryAddScoped<RevisePlanItem>();
        services.TryAddScoped<PostConstructionUpdate>();
        services.TryAddScoped<ReportProblem>();
        services.TryAddScoped<AnswerProblem>();
        services.TryAddScoped<ReopenProblem>();
        services.TryAddScoped<RateWorks>();
        services.TryAddScoped<GiveAcceptanceOpinion>();
        services.TryAddScoped<RecordAcceptance>();
        services.TryAddScoped<PlanVersions>();
        services.TryAddScoped<PlanPhases>();
        return services;
    }
}
