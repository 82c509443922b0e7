namespace Portal.Features.Proposals;

/// <summary>Strings of the proposals and renovation-plan pages (ProposalsText.resx, .en.resx).</summary>
public sealed class ProposalsText;
