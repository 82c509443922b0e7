using Portal.Data;
using Portal.Domain.Votes;

namespace Portal.Features.Votes;

/// <summary>Baseline for bench/votes.sh (mapped only with Bench:Endpoints): one bare row insert, no checks, no audit.</summary>
public static class VoteBench
{
    public static void MapVoteBenchEndpoints(IEndpointRouteBuilder app)
    {
        app.MapPost("/bench/votes/insert", async (long vote, PortalDb db, TimeProvider clock, CancellationToken ct) =>
        {
            db.Add(new BallotVersion(vote, -Random.Shared.NextInt64(1, long.MaxValue), 1, "0=agree", ReceiptCodes.New(), BallotChannel.Online, clock.GetUtcNow(), "bench", null, null, null, null));
            await db.SaveChangesAsync(ct);
            return Results.Redirect("/bench/constant");
        }).DisableAntiforgery();
    }
}
