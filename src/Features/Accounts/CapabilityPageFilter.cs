using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Domain.Register;
using Portal.Domain.Residents;

namespace Portal.Features.Accounts;

/// <summary>
/// Applied to every page: finds the handler's <see cref="RequiresAttribute"/> (or the page's), loads the
/// compound named in the route, works out the caller's membership and refuses what it does not allow.
/// Anonymous callers are sent to log in; signed-in callers without the capability get 403.
/// </summary>
public sealed class CapabilityPageFilter(CompoundAccess access) : IAsyncPageFilter
{
    public const string RouteKey = "compound";

    // Reading attributes allocates on every call; a handler's and a page's never change.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(MethodInfo?, Type), RequiresAttribute?> RequiredCache = new();

    private static RequiresAttribute? Required(MethodInfo? handler, Type page) =>
        RequiredCache.GetOrAdd((handler, page), static k => k.Item1?.GetCustomAttribute<RequiresAttribute>() ?? k.Item2.GetCustomAttribute<RequiresAttribute>());

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var required = Required(context.HandlerMethod?.MethodInfo, context.HandlerInstance.GetType());
        var http = context.HttpContext;

        Compound? compound = null;
        Domain.Residents.Membership? membership = null;
        if (context.RouteData.Values.TryGetValue(RouteKey, out var raw) && raw is string code)
        {
            var found = await access.CompoundAndMembershipAsync(http.User, Compound.NormaliseCode(code), http.RequestAborted);
            if (found is null)
            {
                context.Result = new NotFoundResult();
                return;
            }
            (compound, membership) = found.Value;
        }

        if (required is null)
        {
            if (compound is not null) http.Items[typeof(CompoundScope)] = new CompoundScope(compound, membership!);
            await next();
            return;
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            context.Result = new ChallengeResult();
            return;
        }

        membership ??= await access.MembershipAsync(http.User, compound, http.RequestAborted);
        var allowed = compound is null && !required.Capability.IsPlatformWide()
            ? false // a compound capability on a page without a compound is a programming error: refuse
            : membership.Can(required.Capability);
        if (!allowed)
        {
            context.Result = new ForbidResult();
            return;
        }

        http.Items[typeof(CompoundScope)] = new CompoundScope(compound, membership);
        await next();
    }
}

/// <summary>The compound a request is about and what the caller may do there.</summary>
public sealed record CompoundScope(Compound? Compound, Domain.Residents.Membership Membership);
