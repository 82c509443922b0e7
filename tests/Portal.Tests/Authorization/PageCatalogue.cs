using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Accounts;
using Portal.Domain.Residents;

namespace Portal.Tests.Authorization;

/// <summary>Who a page handler declares may use it.</summary>
public enum Gate { Anyone, SignedIn, Capability }

/// <summary>One handler of one Razor page, found by reflection over the app's real page catalogue.</summary>
public sealed record PageHandler(string Template, string Verb, string? Name, Gate Gate, Capability? Capability, string PageType)
{
    public bool HasCompound => Template.Contains("{compound", StringComparison.Ordinal);
    public override string ToString() => $"{Verb} /{Template}{(Name is null ? "" : "?handler=" + Name)}";

    /// <summary>The address to call: {compound} is compound A, other values ids that do not exist.</summary>
    public string Url(string compoundCode)
    {
        var path = "/" + Regex.Replace(Template, @"\{(\*{0,2})([A-Za-z_]+)(:[^}]*)?\??\}", m =>
            m.Groups[2].Value == "compound" ? compoundCode
            : m.Groups[3].Value.Contains("int") || m.Groups[3].Value.Contains("long") ? "987654" : "none");
        return Name is null ? path : $"{path}?handler={Name}";
    }
}

public static class PageCatalogue
{
    /// <summary>Every handler (OnGet*/OnPost*) of every page in the app, with what it requires.</summary>
    public static async Task<List<PageHandler>> AllAsync(IServiceProvider services)
    {
        var descriptors = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<PageHandler>();
        foreach (var page in descriptors.Where(d => d.AttributeRouteInfo?.Template is not null).DistinctBy(d => d.AttributeRouteInfo!.Template))
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var types = new[] { compiled.HandlerTypeInfo, compiled.ModelTypeInfo, compiled.PageTypeInfo }.Where(t => t is not null).Distinct().ToList();
            var anonymous = types.Any(t => t!.GetCustomAttributes(true).OfType<IAllowAnonymous>().Any());
            var signedIn = types.Any(t => t!.GetCustomAttributes(true).OfType<IAuthorizeData>().Any());
            var pageRequires = compiled.HandlerTypeInfo.GetCustomAttribute<RequiresAttribute>();
            var handlers = compiled.HandlerMethods.Count > 0
                ? compiled.HandlerMethods.Select(h => (h.HttpMethod, h.Name, h.MethodInfo)).ToList()
                : [("GET", (string?)null, (MethodInfo?)null)];
            foreach (var (verb, name, method) in handlers)
            {
                var requires = method?.GetCustomAttribute<RequiresAttribute>() ?? pageRequires;
                var gate = requires is not null ? Gate.Capability : anonymous ? Gate.Anyone : signedIn ? Gate.SignedIn : Gate.Anyone;
                result.Add(new PageHandler(page.AttributeRouteInfo!.Template!, verb.ToUpperInvariant(), name, gate, requires?.Capability, compiled.HandlerTypeInfo.FullName!));
            }
        }
        return result;
    }

    /// <summary>Pages that carry no declaration at all (neither [Requires] nor [Authorize] nor [AllowAnonymous]).</summary>
    public static async Task<List<string>> UndeclaredAsync(IServiceProvider services)
    {
        var descriptors = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var loader = services.GetRequiredService<PageLoader>();
        var result = new List<string>();
        foreach (var page in descriptors.Where(d => d.AttributeRouteInfo?.Template is not null).DistinctBy(d => d.AttributeRouteInfo!.Template))
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var types = new[] { compiled.HandlerTypeInfo, compiled.ModelTypeInfo, compiled.PageTypeInfo }.Where(t => t is not null).Distinct();
            var declared = types.Any(t => t!.GetCustomAttributes(true).Any(a => a is IAllowAnonymous or IAuthorizeData or RequiresAttribute))
                           || compiled.HandlerMethods.Any(h => h.MethodInfo.GetCustomAttribute<RequiresAttribute>() is not null);
            if (!declared) result.Add("/" + page.AttributeRouteInfo!.Template);
        }
        return result;
    }
}
