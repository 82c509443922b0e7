using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Portal.Web;

/// <summary>
/// Security headers on every response (pages, API, files, static files, 404 and error pages): a Content-Security-Policy
/// whose scripts need <c>'self'</c> or this request's nonce (no <c>unsafe-inline</c>), frame-ancestors 'self',
/// nosniff, a strict referrer policy and a Permissions-Policy that denies camera, microphone and geolocation
/// (photo uploads use the file input, not the camera API).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "Portal.CspNonce";

    /// <summary>This request's script nonce (base64, 128 random bits), made on first use.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "frame-ancestors 'self'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(self)";

    /// <summary>First in the pipeline, so the headers are set when any response starts, whatever produced it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var nonce = Nonce(http);
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = Policy(nonce);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers.XFrameOptions = "SAMEORIGIN";
                return Task.CompletedTask;
            });
            return next(http);
        });
}

/// <summary>Every &lt;script&gt; in a view carries this request's CSP nonce, so inline scripts run and injected ones do not.</summary>
[HtmlTargetElement("script")]
public sealed class ScriptNonceTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => int.MinValue;

    public override void Process(TagHelperContext context, TagHelperOutput output) =>
        output.Attributes.SetAttribute("nonce", SecurityHeaders.Nonce(ViewContext.HttpContext));
}
