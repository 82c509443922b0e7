using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Domain.Shared;
using Portal.Features.Shared;

namespace Portal.Web;

/// <summary>
/// The one way a page shows a broken domain rule: a <see cref="DomainException"/> thrown by a handler (usually from a
/// use case) becomes a model-state message in the reader's language and the page is shown again, never an error page.
/// The message is <c>Error_&lt;code, dots as underscores&gt;</c> in the page's feature text (Pages/Register/… →
/// RegisterText), then in <see cref="SharedText"/>, else SharedText's <c>Error_Generic</c>.
/// A handler therefore loads what its page shows before it calls the use case.
/// </summary>
public sealed class DomainErrorPageFilter(IStringLocalizerFactory localizers, ILogger<DomainErrorPageFilter> log) : IAsyncPageFilter
{
    private static readonly ConcurrentDictionary<Type, Type> TextOfPage = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || executed.Exception is not DomainException refused) return;

        log.LogDebug("{Page} refused by the domain: {Code}", context.ActionDescriptor.ViewEnginePath, refused.Code);
        context.ModelState.AddModelError(string.Empty, Message(context.HandlerInstance.GetType(), refused.Code));
        executed.Result = new PageResult();
        executed.ExceptionHandled = true;
    }

    public string Message(Type page, string code)
    {
        var key = ErrorKey(code);
        var feature = localizers.Create(TextOf(page))[key];
        if (!feature.ResourceNotFound) return feature.Value;
        var shared = localizers.Create(typeof(SharedText));
        var general = shared[key];
        return general.ResourceNotFound ? shared["Error_Generic"].Value : general.Value;
    }

    /// <summary>"link_request.already_decided" → "Error_link_request_already_decided".</summary>
    public static string ErrorKey(string code) => "Error_" + code.Replace('.', '_');

    /// <summary>
    /// The text class of a page's feature, by folder: a page model in Portal.Pages.&lt;Folder&gt; uses the *Text class of
    /// Portal.Features.&lt;Folder&gt; (or &lt;Folder&gt;s: Pages/Account → Features/Accounts); SharedText otherwise.
    /// </summary>
    public static Type TextOf(Type page) => TextOfPage.GetOrAdd(page, static p =>
    {
        const string pages = "Portal.Pages.";
        var ns = p.Namespace ?? "";
        if (!ns.StartsWith(pages, StringComparison.Ordinal)) return typeof(SharedText);
        var folder = ns[pages.Length..].Split('.')[0];
        var texts = p.Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Text", StringComparison.Ordinal)).ToList();
        return texts.FirstOrDefault(t => t.Namespace == "Portal.Features." + folder)
               ?? texts.FirstOrDefault(t => t.Namespace == "Portal.Features." + folder + "s")
               ?? typeof(SharedText);
    });
}
