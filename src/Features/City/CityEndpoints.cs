using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Features.City;

public static class CityEndpoints
{
    /// <summary>camelCase, enums as names: the one JSON shape of the summary (API and ops command).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IServiceCollection AddCityDashboard(this IServiceCollection services) => services.AddMemoryCache().AddScoped<CitySummaryQuery>();

    /// <summary>GET /api/city/summary?city=&amp;district=&amp;year=: for city officers (their city or districts) and admins.</summary>
    public static void MapCityDashboard(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/city/summary", async (HttpContext http, CitySummaryQuery query, string? city, string? district, int? year, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
                return Results.Json(new { error = "unauthenticated" }, Json, statusCode: StatusCodes.Status401Unauthorized);
            var view = await query.ViewForAsync(http.User, city, ct);
            if (view is null)
                return Results.Json(new { error = "forbidden" }, Json, statusCode: StatusCodes.Status403Forbidden);
            if (city is not null && view.City != city)
                return Results.Json(new { error = "forbidden" }, Json, statusCode: StatusCodes.Status403Forbidden);
            return Results.Json((await query.DashboardAsync(view.Filter(district, year), ct)).Summary, Json);
        });
}
