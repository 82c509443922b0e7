using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace Portal.Ops;

/// <summary>
/// `dotnet Portal.dll proxy --urls http://127.0.0.1:8080 http://127.0.0.1:5001 http://127.0.0.1:5002`: a small
/// round-robin reverse proxy for trying several web nodes on one machine (deploy/run-nodes.sh). Each request goes to
/// the next node; a node that refuses the connection is skipped. Not for production: use nginx or the load balancer.
/// </summary>
public static class RoundRobinProxy
{
    public const string Command = "proxy";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Host",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var listen = "http://127.0.0.1:8080";
        var upstreams = new List<Uri>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--urls" && i + 1 < args.Length) listen = args[++i];
            else if (Uri.TryCreate(args[i], UriKind.Absolute, out var uri)) upstreams.Add(uri);
            else
            {
                await Console.Error.WriteLineAsync($"error: '{args[i]}' is not a node address");
                return 2;
            }
        }
        if (upstreams.Count == 0)
        {
            await Console.Error.WriteLineAsync("usage: proxy [--urls http://127.0.0.1:8080] <node url>...");
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        });
        var next = -1;
        app.Run(async context =>
        {
            // The body is buffered so the request can be sent again to the next node when one is down.
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var first = (int)((uint)Interlocked.Increment(ref next) % upstreams.Count);
            for (var attempt = 0; attempt < upstreams.Count; attempt++)
            {
                var node = upstreams[(first + attempt) % upstreams.Count];
                using var request = Forwarded(context, node, body.ToArray());
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, context.RequestAborted);
                }
                catch (HttpRequestException) when (attempt + 1 < upstreams.Count && !context.RequestAborted.IsCancellationRequested)
                {
                    continue; // that node is down (stopped or restarting): the next one answers
                }
                catch (HttpRequestException)
                {
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    return;
                }
                using (response)
                {
                    context.Response.StatusCode = (int)response.StatusCode;
                    foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                        if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
                    context.Response.Headers["X-Portal-Node"] = node.Authority;
                    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
                }
                return;
            }
        });
        await app.RunAsync();
        return 0;
    }

    private static HttpRequestMessage Forwarded(HttpContext context, Uri node, byte[] body)
    {
        var incoming = context.Request;
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(node, incoming.Path.Value + incoming.QueryString.Value));
        if (body.Length > 0 || incoming.ContentLength is not null) request.Content = new ByteArrayContent(body);
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        request.Headers.Host = incoming.Host.Value;
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString());
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        return request;
    }
}
