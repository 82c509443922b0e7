using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;

namespace Portal.Features.Home;

/// <summary>Residents waiting for the register keepers to link their account to a flat.</summary>
public sealed class LinkRequestsToDecide(PortalDb db, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (!viewer.Membership.Can(Capability.VerifyResidents)) return [];
        var pending = await db.Set<LinkRequest>().AsNoTracking()
            .Where(r => r.CompoundId == viewer.Compound.Id && r.Status == LinkRequestStatus.Pending)
            .Select(r => r.RequestedAt).ToListAsync(ct);
        if (pending.Count == 0) return [];
        return [new TodoItem("link-requests", t["Todo_LinkRequests", pending.Count], t["Todo_LinkRequestsAction"],
            $"/c/{viewer.Compound.Code}/register/requests", null)];
    }
}

/// <summary>Objections to a preliminary result that the convener has not answered yet; the result cannot be final before.</summary>
public sealed class ObjectionsToAnswer(PortalDb db, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (!viewer.Membership.Can(Capability.RunVotes)) return [];
        var rows = await (from o in db.Set<Objection>()
                          join v in db.Set<Vote>() on o.VoteId equals v.Id
                          where v.CompoundId == viewer.Compound.Id && o.Answer == null && v.Status == VoteStatus.Preliminary
                          group o by new { v.Id, v.Title, v.ObjectionDeadline } into g
                          select new { g.Key.Id, g.Key.Title, g.Key.ObjectionDeadline, Count = g.Count() }).ToListAsync(ct);
        return rows.Select(r => new TodoItem("objections", t["Todo_Objections", r.Count, r.Title], t["Todo_ObjectionsAction"],
            $"/c/{viewer.Compound.Code}/votes/{r.Id}/result", r.ObjectionDeadline)).ToList();
    }
}

/// <summary>Expenses entered by someone else that wait for a second person's approval.</summary>
public sealed class ExpensesToApprove(PortalDb db, IStringLocalizer<HomeText> t) : ITodoSource
{
    public async Task<IReadOnlyList<TodoItem>> ForAsync(TodoViewer viewer, CancellationToken ct)
    {
        if (!viewer.Membership.Can(Capability.ManageFunding)) return [];
        var rows = await db.Set<Expense>().AsNoTracking()
            .Where(e => e.CompoundId == viewer.Compound.Id && e.Status == ExpenseStatus.Pending && e.EnteredBy != viewer.UserId)
            .GroupBy(e => e.PlanItemId).Select(g => new { PlanItemId = g.Key, Count = g.Count(), Fen = g.Sum(e => e.AmountFen) })
            .ToListAsync(ct);
        return rows.Select(r => new TodoItem("expenses", t["Todo_Expenses", r.Count, Money.FormatYuan(r.Fen)], t["Todo_ExpensesAction"],
            $"/c/{viewer.Compound.Code}/funding/{r.PlanItemId}/ledger", null)).ToList();
    }
}
