using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Web;

namespace Portal.Features.City;

public static class CitySetup
{
    /// <summary>camelCase, enums as names: the one JSON shape of the summary (API and ops command).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IServiceCollection AddCity(this IServiceCollection services, IConfiguration config) =>
        services.AddMemoryCache().AddScoped<CitySummaryQuery>();

    /// <summary>GET /api/city/summary?city=&amp;district=&amp;year=: for city officers (their city or districts) and admins.</summary>
    public static IEndpointRouteBuilder MapCity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city/summary", async (HttpContext http, CitySummaryQuery query, string? city, string? district, int? year, CancellationToken ct) =>
        {
            var view = await query.ViewForAsync(http.User, city, ct);
            if (view is null || (city is not null && view.City != city))
                return ApiErrors.Forbidden();
            return Results.Json((await query.DashboardAsync(view.Filter(district, year), ct)).Summary, Json);
        }).RequireAuthorization();
        return app;
    }
}
