using Portal.Payments;

namespace Portal.Features.Funding;

public sealed class FundingSettings
{
    /// <summary>Days a resident whose card failed has to pay before the pledge is dropped.</summary>
    public int GracePeriodDays { get; set; } = 7;
    /// <summary>Deadline of a campaign opened when a vote passes.</summary>
    public int DefaultCampaignDays { get; set; } = 30;
}

public static class FundingSetup
{
    public static IServiceCollection AddFunding(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<FundingSettings>(config.GetSection("Funding"));
        services.AddScoped<FundingQueries>();
        services.AddScoped<HouseholdQuote>();
        services.AddScoped<SetCostSharing>();
        services.AddScoped<CampaignOpening>();
        services.AddScoped<CampaignFollowUps>();
        services.AddScoped<Portal.Features.Votes.IVoteFollowUp, FundingVoteFollowUp>();
        services.AddScoped<CampaignClosing>();
        services.AddScoped<PledgeToCampaign>();
        services.AddScoped<ProjectLedger>();
        services.AddScoped<RecordOfflinePayment>();
        services.AddScoped<RecordSourceIncome>();
        services.AddScoped<EnterExpense>();
        services.AddScoped<ApproveExpense>();
        services.AddScoped<RejectExpense>();
        services.AddScoped<ChargePledges>();
        services.AddScoped<ImportFundBalances>();
        services.AddScoped<LinkFundUse>();
        services.AddScoped<SetTransferAccount>();
        services.AddScoped<ImportBankStatement>();
        services.AddScoped<MatchStatementLine>();
        services.AddScoped<RecordRefund>();
        services.AddScoped<IssueRunningCostBill>();
        services.AddScoped<RunningCostQueries>();
        services.AddScoped<RecordRunningCostPayment>();
        services.AddScoped<LateJoining>();
        services.AddHostedService<FundingRecurringJobs>();
        return services;
    }

    public static IEndpointRouteBuilder MapFunding(this IEndpointRouteBuilder app)
    {
        app.MapStripeWebhook();
        return app;
    }
}
