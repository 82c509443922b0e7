namespace Portal.Domain.Register;

/// <summary>
/// A register file waiting between preview and confirmation. It lives in the database, not on one server's disk,
/// so the confirmation may reach any node.
/// </summary>
public class PendingRegisterUpload
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private PendingRegisterUpload() { }

    public PendingRegisterUpload(long compoundId, string fileName, byte[] content, string uploadedBy, DateTimeOffset uploadedAt)
    {
        Id = Guid.NewGuid();
        CompoundId = compoundId;
        FileName = fileName;
        Content = content;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }
    public long CompoundId { get; private set; }
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now - UploadedAt > Lifetime;
}
