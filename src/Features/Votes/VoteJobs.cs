namespace Portal.Features.Votes;

/// <summary>Hangfire entry points. They take ids and are safe to run twice (each step is guarded by the vote's status).</summary>
public sealed class VoteJobs(VoteOperations operations)
{
    public Task OpenAsync(long voteId) => operations.OpenAsync(voteId);
    public Task CloseAsync(long voteId) => operations.CloseAsync(voteId);
    public Task RemindAsync(long voteId) => operations.RemindAsync(voteId);
}
