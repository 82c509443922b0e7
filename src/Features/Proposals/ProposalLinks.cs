namespace Portal.Features.Proposals;

/// <summary>A short list of proposals under a heading (my proposals, the committee's desk).</summary>
public sealed record ProposalLinks(string Code, string Id, List<Portal.Domain.Proposals.Proposal> Items);
