using System.Net;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Notifications;

namespace Portal.Features.Inbox;

/// <summary>The header's link to the inbox with the unread count (layout: Component.InvokeAsync("InboxBadge")).</summary>
public sealed class InboxBadgeViewComponent(PortalDb db, IStringLocalizer<InboxText> t) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = CompoundAccess.UserId(UserClaimsPrincipal);
        if (userId is null) return new HtmlContentViewComponentResult(HtmlString.Empty);
        var unread = await db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null);
        var label = WebUtility.HtmlEncode(t["Inbox_Title"].Value);
        var badge = unread > 0
            ? $" <span class=\"badge bg-danger\" id=\"inbox-badge\" aria-label=\"{WebUtility.HtmlEncode(t["Inbox_UnreadCount", unread].Value)}\">{unread}</span>"
            : "";
        return new HtmlContentViewComponentResult(new HtmlString($"<a class=\"nav-link\" href=\"/inbox\" id=\"inbox-link\">{label}{badge}</a>"));
    }
}
