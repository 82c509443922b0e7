namespace Portal.Files;

/// <summary>
/// An uploaded file (photo, PDF, receipt, invoice) kept in the database so every server sees it.
/// Photos are stored re-encoded, without EXIF or GPS.
/// </summary>
public class StoredFile
{
    private StoredFile() { }

    public StoredFile(long? compoundId, string purpose, string fileName, string contentType, byte[] content, string uploadedBy, DateTimeOffset uploadedAt)
    {
        Id = Guid.NewGuid();
        CompoundId = compoundId;
        Purpose = purpose;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        SizeBytes = content.LongLength;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    /// <summary>The compound whose members may read it; null for platform files.</summary>
    public long? CompoundId { get; private set; }
    /// <summary>What it belongs to, e.g. "proposal-photo", "notice-attachment", "invoice".</summary>
    public string Purpose { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }

    public string Url => $"/files/{Id:N}";
}
