using Portal.Features.Funding;
using Portal.Features.Projects;

namespace Portal.Features.Proposals;

public static class ProposalsSetup
{
    public static IServiceCollection AddProposals(this IServiceCollection services, IConfiguration config)
    {
        // Proposals follow the plan items they become, so the projects feature comes with them.
        services.AddProjects(config);
        services.AddScoped<ProposalOperations>();
        services.AddScoped<SubmitProposal>();
        services.AddScoped<SupportProposal>();
        services.AddScoped<CommentOnProposal>();
        services.AddScoped<HideComment>();
        services.AddScoped<ReviewProposal>();
        services.AddScoped<ReviseProposal>();
        services.AddScoped<ExpireProposals>();
        services.AddHostedService<ProposalRecurringJobs>();
        services.AddScoped<ProposalFollowsPlanItem>();
        services.AddScoped<IPlanItemFollowUp>(sp => sp.GetRequiredService<ProposalFollowsPlanItem>());
        services.AddScoped<ICampaignFollowUp>(sp => sp.GetRequiredService<ProposalFollowsPlanItem>());
        services.AddScoped<Portal.Features.Votes.IVoteFollowUp, ProposalVoteFollowUp>();
        return services;
    }
}
