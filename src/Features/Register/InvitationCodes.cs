using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Features.Shared;

namespace Portal.Features.Register;

/// <summary>
/// Invitation codes are kept as keyed hashes (HMAC-SHA256 with the server's code key), so a leaked table cannot be
/// brute-forced offline. Letters printed before the key are still recognised by their old hash and re-hashed on use.
/// </summary>
public sealed class InvitationCodes(PortalDb db, CodeHasher hasher)
{
    public async Task<(InvitationCode Code, string Printed)> IssueAsync(long compoundId, long flatId, DateTimeOffset now,
        TimeSpan validFor, string issuedBy, CancellationToken ct = default)
    {
        var plain = InvitationCode.NewPlain();
        return InvitationCode.Issue(compoundId, flatId, plain, await HashAsync(plain, ct), now, validFor, issuedBy);
    }

    public Task<string> HashAsync(string plain, CancellationToken ct = default) =>
        hasher.HashAsync(InvitationCode.HashPurpose, InvitationCode.Normalise(plain), ct);

    /// <summary>The code typed by a resident, tracked; an old-style hash is replaced by the keyed one (saved by the caller).</summary>
    public async Task<InvitationCode?> FindAsync(string typed, CancellationToken ct = default)
    {
        if (InvitationCode.Normalise(typed).Length == 0) return null;
        var keyed = await HashAsync(typed, ct);
        var code = await db.Set<InvitationCode>().FirstOrDefaultAsync(c => c.CodeHash == keyed, ct);
        if (code is not null) return code;
        var legacy = InvitationCode.LegacyHash(typed);
        code = await db.Set<InvitationCode>().FirstOrDefaultAsync(c => c.CodeHash == legacy, ct);
        code?.Rehash(keyed);
        return code;
    }
}
