using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>Every applied import of the register, newest first, with removals that needed confirmation.</summary>
[Requires(Capability.ViewRegister)]
public class RegisterLogModel(PortalDb db) : CompoundPageModel
{
    public sealed record Entry(RegisterChange Change, string ByName);
    public List<Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var changes = await db.Set<RegisterChange>().AsNoTracking().Where(c => c.CompoundId == Compound.Id)
            .OrderByDescending(c => c.Id).Take(200).ToListAsync(ct);
        var ids = changes.Select(c => c.By).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Entries = changes.Select(c => new Entry(c, names.GetValueOrDefault(c.By) ?? c.By)).ToList();
    }
}
