using Portal.Data;
using Portal.Domain.Register;

namespace Portal.Features.Register;

/// <summary>The committee says who issues the compound's letters and notices and where residents get help offline.</summary>
public sealed class SetHelpDesk(PortalDb db)
{
    public sealed record HelpDesk(string? IssuingUnit, string? HelpPhone, string? HelpPlace, string? HelpHours);

    public async Task RunAsync(long compoundId, HelpDesk values, CancellationToken ct = default)
    {
        var compound = await db.Set<Compound>().FindAsync([compoundId], ct)
            ?? throw new InvalidOperationException($"No compound {compoundId}.");
        compound.SetHelpDesk(values.IssuingUnit, values.HelpPhone, values.HelpPlace, values.HelpHours);
        await db.SaveChangesAsync(ct);
    }
}
