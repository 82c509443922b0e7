using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Shared;

namespace Portal.Features.Admin;

/// <summary>A platform admin (or the ops command line) adds a compound; its code is unique and is what addresses use.</summary>
public sealed class CreateCompound(PortalDb db)
{
    public async Task<Compound> CreateAsync(string code, string name, string? city, string? district, string? address, CancellationToken ct = default)
    {
        if (!Compound.IsValidCode(code))
            throw new DomainException("compound.bad_code", $"'{code}' is not a compound code (letters, digits, - and _, at most 32).");
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("compound.name_required", "A compound needs a name.");
        var normalised = Compound.NormaliseCode(code);
        if (await db.Set<Compound>().AnyAsync(c => c.Code == normalised, ct))
            throw new DomainException("compound.code_taken", $"Compound {normalised} already exists.");
        var compound = new Compound(normalised, name, city ?? "", district ?? "", address ?? "", null, null);
        db.Add(compound);
        await db.SaveChangesAsync(ct);
        return compound;
    }
}
