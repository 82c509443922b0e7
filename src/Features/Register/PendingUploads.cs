using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;

namespace Portal.Features.Register;

/// <summary>Keeps an uploaded register file between preview and confirmation, in the database (any node may confirm).</summary>
public sealed class PendingUploads(PortalDb db, TimeProvider clock)
{
    /// <summary>Stores the file and returns its token; uploads older than a day are dropped on the way.</summary>
    public async Task<Guid> StageAsync(long compoundId, string fileName, byte[] content, string by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - PendingRegisterUpload.Lifetime;
        await db.Set<PendingRegisterUpload>().Where(u => u.UploadedAt < cutoff).ExecuteDeleteAsync(ct);
        var upload = new PendingRegisterUpload(compoundId, fileName, content, by, now);
        db.Add(upload);
        await db.SaveChangesAsync(ct);
        return upload.Id;
    }

    /// <summary>The file staged under <paramref name="token"/> for this compound, or null when unknown or expired.</summary>
    public async Task<PendingRegisterUpload?> FindAsync(long compoundId, Guid token, CancellationToken ct = default)
    {
        var upload = await db.Set<PendingRegisterUpload>().AsNoTracking()
            .FirstOrDefaultAsync(u => u.Id == token && u.CompoundId == compoundId, ct);
        return upload is null || upload.IsExpired(clock.GetUtcNow()) ? null : upload;
    }

    public Task DiscardAsync(Guid token, CancellationToken ct = default) =>
        db.Set<PendingRegisterUpload>().Where(u => u.Id == token).ExecuteDeleteAsync(ct);
}
