// Deliberate violations of the layering rules, for ArchitectureTests to prove that each rule fails when broken.
// Nothing uses these types; they are only read as IL.
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Notifications;

namespace Portal.Tests.Foundation.Fixtures
{
    /// <summary>A page model that writes to the database itself, in every way the rule looks for.</summary>
    public sealed class PageModelThatWrites(PortalDb db) : PageModel
    {
        public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
        {
            db.Add(new ClaimAttempt("user", null, DateTimeOffset.UnixEpoch, succeeded: false));
            await db.SaveChangesAsync(ct);
            return RedirectToPage();
        }

        public IActionResult OnPostRemove(long id)
        {
            var remove = (ClaimAttempt a) => db.Set<ClaimAttempt>().Remove(a);
            foreach (var attempt in db.Set<ClaimAttempt>().Where(a => a.Id == id).ToList()) remove(attempt);
            db.SaveChanges();
            return RedirectToPage();
        }

        public async Task<IActionResult> OnPostReadAllAsync(string userId, CancellationToken ct)
        {
            await db.Set<Notification>().Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
            return RedirectToPage();
        }
    }

    /// <summary>A page model that only reads: the rule leaves it alone.</summary>
    public sealed class PageModelThatReads(PortalDb db) : PageModel
    {
        public int Count { get; private set; }
        public async Task OnGetAsync(CancellationToken ct) => Count = await db.Set<ClaimAttempt>().CountAsync(ct);
    }
}

namespace Portal.Features.Fake
{
    /// <summary>A "feature" that reaches up into a page.</summary>
    public static class FeatureThatUsesAPage
    {
        /// <summary>The reference sits only inside the async state machine, after an await.</summary>
        public static async Task<string> PageNameAsync()
        {
            await Task.Yield();
            return typeof(Portal.Pages.Register.ResidentsModel).Name;
        }
    }
}

namespace Portal.Domain.Fake
{
    /// <summary>A "domain" type that depends on EF Core.</summary>
    public sealed class DomainThatUsesTheDatabase
    {
        public DbContext? Context { get; set; }
    }
}
