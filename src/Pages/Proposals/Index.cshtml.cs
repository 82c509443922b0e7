using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Shared;

using Portal.Features.Proposals;

namespace Portal.Pages.Proposals;

/// <summary>The compound's proposals: filter, sort, search, page.</summary>
[Requires(Capability.ViewCompound)]
public class IndexModel(PortalDb db, ProposalOperations operations, TimeProvider clock) : CompoundPageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public ProposalStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ProposalCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "newest";
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public List<Proposal> Items { get; private set; } = [];
    public int Total { get; private set; }
    public ScopeNames Names { get; private set; } = null!;
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Names = await operations.ScopeNamesAsync(Compound.Id, ct);
        var me = CurrentUserId;
        var query = db.Set<Proposal>().AsNoTracking()
            .Where(p => p.CompoundId == Compound.Id && (p.Status != ProposalStatus.Draft || p.AuthorId == me));
        if (Status is not null) query = query.Where(p => p.Status == Status);
        if (Category is not null) query = query.Where(p => p.Category == Category);
        if (!string.IsNullOrEmpty(Scope) && Names.Parse(Scope) is { } scope)
            query = query.Where(p => p.ScopeKind == scope.Kind && p.BuildingId == scope.BuildingId && p.EntranceId == scope.EntranceId);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Title.Contains(q) || p.Description.Contains(q));
        }
        query = Sort switch
        {
            "supported" => query.OrderByDescending(p => p.SupportCount).ThenByDescending(p => p.Id),
            "closing" => query.OrderBy(p => p.Status == ProposalStatus.Published ? 0 : 1).ThenBy(p => p.SupportClosesAt).ThenByDescending(p => p.Id),
            _ => query.OrderByDescending(p => p.Id),
        };
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await query.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public string PageLink(int page) =>
        $"?Status={Status}&Category={Category}&Scope={Uri.EscapeDataString(Scope ?? "")}&Sort={Sort}&Q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
