using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Notices;
using Portal.Domain.Residents;
using Portal.Features.Notices;

namespace Portal.Files;

/// <summary>
/// The read rule of the object a stored file belongs to (OWASP ASVS V4.2.1): serving a file asks the owner object,
/// not only the compound. One rule per <see cref="StoredFile.Purpose"/>; purposes without a rule keep the compound rule.
/// </summary>
public interface IFileReadRule
{
    string Purpose { get; }
    Task<bool> MayReadAsync(StoredFile file, Membership membership, CancellationToken ct);
}

/// <summary>A notice attachment is readable by exactly those who may read its notice (reach, publication window).</summary>
public sealed class NoticeFileRule(PortalDb db, TimeProvider clock) : IFileReadRule
{
    public string Purpose => "notice";

    public async Task<bool> MayReadAsync(StoredFile file, Membership membership, CancellationToken ct)
    {
        var noticeIds = await db.Set<NoticeAttachment>().AsNoTracking().Where(a => a.StoredFileId == file.Id).Select(a => a.NoticeId).ToListAsync(ct);
        if (noticeIds.Count == 0) return membership.Can(Capability.PostNotices);
        var notices = await db.Set<Notice>().AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return notices.Any(n => membership.MayRead(n, now));
    }
}

/// <summary>A property-certificate photo sent with an owner's link request: the committee that decides it, nobody else.</summary>
public sealed class CertificateFileRule : IFileReadRule
{
    public string Purpose => Portal.Features.Residents.ClaimFlat.CertificatePurpose;

    public Task<bool> MayReadAsync(StoredFile file, Membership membership, CancellationToken ct) =>
        Task.FromResult(membership.Can(Capability.VerifyResidents));
}
