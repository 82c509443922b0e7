using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Web;

/// <summary>The body of every refusal under /api: <c>{"error":"unauthorized"}</c>.</summary>
public sealed record ApiError(string Error);

/// <summary>
/// The one shape of an API refusal: 401 <c>{"error":"unauthorized"}</c>, 403 <c>forbidden</c>, 404 <c>not_found</c>.
/// Paths under /api never redirect to the login page or render the HTML error page: a sign-in challenge, a forbid or
/// an empty error status there is answered with this JSON (see <see cref="UseApiErrors"/> and the login cookie's events).
/// </summary>
public static class ApiErrors
{
    public static readonly PathString Prefix = "/api";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments(Prefix);

    public static IResult Unauthorized() => Of(StatusCodes.Status401Unauthorized);
    public static IResult Forbidden() => Of(StatusCodes.Status403Forbidden);
    public static IResult NotFound() => Of(StatusCodes.Status404NotFound);

    public static IResult Of(int status) => Results.Json(new ApiError(Code(status)), statusCode: status);

    public static string Code(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        >= 500 => "server_error",
        _ => "error",
    };

    public static Task WriteAsync(HttpResponse response, int status)
    {
        response.StatusCode = status;
        response.Headers.Location = default;
        return response.WriteAsJsonAsync(new ApiError(Code(status)));
    }

    /// <summary>
    /// Under /api: no HTML status page, and an error status that has no body yet (no route, a bare 404 or 405, an
    /// unhandled exception) gets the JSON. Goes after UseStatusCodePages/UseExceptionHandler, so it runs inside them.
    /// </summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IsApi(http.Request))
        {
            await next(http);
            return;
        }
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors))
                .LogError(ex, "{Method} {Path} failed", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await WriteAsync(http.Response, StatusCodes.Status500InternalServerError);
            return;
        }
        if (http.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null } response && string.IsNullOrEmpty(response.ContentType))
            await WriteAsync(response, response.StatusCode);
    });
}
