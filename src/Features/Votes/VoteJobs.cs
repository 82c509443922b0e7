namespace Portal.Features.Votes;

/// <summary>Hangfire entry points. They take ids and are safe to run twice (each step is guarded by the vote's status).</summary>
public sealed class VoteJobs(OpenVote open, CloseVote close, RemindNonVoters remind)
{
    public Task OpenAsync(long voteId) => open.RunAsync(voteId);
    public Task CloseAsync(long voteId) => close.RunAsync(voteId);
    public Task RemindAsync(long voteId) => remind.RunAsync(voteId);
}
