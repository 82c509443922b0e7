using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;
using Portal.Web;

using Portal.Features.Register;
using Portal.Features.Home;

namespace Portal.Pages.Compounds;

/// <summary>A compound's home: what a resident, committee member or officer can do there.</summary>
[Requires(Capability.ViewCompound)]
public class HomeModel(PortalDb db, TodoList todos) : CompoundPageModel
{
    /// <summary>What the signed-in person should do now, soonest deadline first.</summary>
    public List<TodoItem> Todos { get; private set; } = [];
    public int Buildings { get; private set; }
    public int Flats { get; private set; }
    public List<string> MyFlats { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Buildings = await db.Set<Building>().CountAsync(b => b.CompoundId == Compound.Id, ct);
        Flats = await db.Set<Flat>().CountAsync(f => f.CompoundId == Compound.Id, ct);
        var ids = Membership.Ties.Select(t => t.FlatId).ToList();
        var mine = await db.NamedFlats().AsNoTracking().Where(f => ids.Contains(f.Flat.Id)).ToListAsync(ct);
        MyFlats.AddRange(mine.Select(m => m.Label));
        if (CurrentUserId is { } user)
            Todos = await todos.ForAsync(new TodoViewer(Compound, Membership, user), ct);
    }
}
