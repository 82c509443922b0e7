using Portal.Data;
using Portal.Domain.Register;

namespace Portal.Features.Register;

/// <summary>
/// The committee says who issues the compound's letters and notices, where residents get help offline, and which
/// property company serves the compound.
/// </summary>
public sealed class SetHelpDesk(PortalDb db)
{
    public sealed record HelpDesk(string? IssuingUnit, string? HelpPhone, string? HelpPlace, string? HelpHours, string? PropertyCompany);

    public async Task RunAsync(long compoundId, HelpDesk values, CancellationToken ct = default)
    {
        var compound = await db.Set<Compound>().FindAsync([compoundId], ct)
            ?? throw new InvalidOperationException($"No compound {compoundId}.");
        compound.SetHelpDesk(values.IssuingUnit, values.HelpPhone, values.HelpPlace, values.HelpHours, values.PropertyCompany);
        await db.SaveChangesAsync(ct);
    }
}
