using Microsoft.AspNetCore.Http;
using Portal.Data;

namespace Portal.Files;

/// <summary>What an upload may be: photos only, or photos and PDFs; and how big.</summary>
public sealed record UploadRule(bool AllowPdf, long MaxBytes)
{
    public static readonly UploadRule Photo = new(AllowPdf: false, MaxBytes: 5 * 1024 * 1024);
    public static readonly UploadRule PhotoOrPdf = new(AllowPdf: true, MaxBytes: 10 * 1024 * 1024);
}

/// <summary>Accepts uploads after checking their content; photos are re-encoded without metadata.</summary>
public sealed class FileStore(PortalDb db, TimeProvider clock)
{
    /// <summary>
    /// Checks and adds one upload to the unit of work (the caller saves). Throws <see cref="UploadRefusedException"/>
    /// with code TooLarge, Empty, NotAllowed (wrong type by content) or Unreadable.
    /// </summary>
    public async Task<StoredFile> AddAsync(IFormFile upload, UploadRule rule, long? compoundId, string purpose, string uploadedBy, CancellationToken ct = default)
    {
        var name = Path.GetFileName(upload.FileName);
        if (upload.Length == 0) throw new UploadRefusedException("Empty", name);
        if (upload.Length > rule.MaxBytes) throw new UploadRefusedException("TooLarge", name);
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        return Add(buffer.ToArray(), name, rule, compoundId, purpose, uploadedBy);
    }

    public StoredFile Add(byte[] content, string fileName, UploadRule rule, long? compoundId, string purpose, string uploadedBy)
    {
        if (content.Length == 0) throw new UploadRefusedException("Empty", fileName);
        if (content.LongLength > rule.MaxBytes) throw new UploadRefusedException("TooLarge", fileName);
        var kind = UploadCheck.Sniff(content);
        StoredFile file;
        if (UploadCheck.IsImage(kind))
            file = new StoredFile(compoundId, purpose, Path.ChangeExtension(fileName, ".jpg"), "image/jpeg", UploadCheck.CleanPhoto(content, fileName), uploadedBy, clock.GetUtcNow());
        else if (kind == FileKind.Pdf && rule.AllowPdf)
            file = new StoredFile(compoundId, purpose, fileName, "application/pdf", content, uploadedBy, clock.GetUtcNow());
        else
            throw new UploadRefusedException("NotAllowed", fileName);
        db.Add(file);
        return file;
    }
}
