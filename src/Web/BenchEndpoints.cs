using Portal.Data;

namespace Portal.Web;

/// <summary>Baselines for bench/ (mapped only when `Bench:Endpoints` is true): what the app costs with no work.</summary>
public static class BenchEndpoints
{
    public static void MapBenchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bench/constant", () => "ok");
        Portal.Features.Votes.VoteBench.MapVoteBenchEndpoints(app);
    }
}
