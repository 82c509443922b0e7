using Portal.Domain.Shared;

namespace Portal.Features.Proposals;

/// <summary>Domain error codes ("proposal.illegal_transition") as resource keys ("Error_proposal_illegal_transition").</summary>
public static class ProposalErrors
{
    public static string Key(DomainException ex) => "Error_" + ex.Code.Replace('.', '_');
}

/// <summary>A short list of proposals under a heading (my proposals, the committee's desk).</summary>
public sealed record ProposalLinks(string Code, string Id, List<Portal.Domain.Proposals.Proposal> Items);
