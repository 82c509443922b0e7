namespace Portal.Features.Home;

public static class HomeSetup
{
    /// <summary>The compound home's to-do list: one read-only source per feature.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services, IConfiguration config) => services
        .AddScoped<ITodoSource, VotesToCast>()
        .AddScoped<ITodoSource, NoticesToConfirm>()
        .AddScoped<ITodoSource, PledgesDue>()
        .AddScoped<ITodoSource, SurveysToAnswer>()
        .AddScoped<ITodoSource, LinkRequestsToDecide>()
        .AddScoped<ITodoSource, TenantRequestsToAnswer>()
        .AddScoped<ITodoSource, ObjectionsToAnswer>()
        .AddScoped<ITodoSource, ExpensesToApprove>()
        .AddScoped<TodoList>();
}
