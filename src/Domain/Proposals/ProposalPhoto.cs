namespace Portal.Domain.Proposals;

/// <summary>A photo attached to a proposal (the stored file is re-encoded, without EXIF/GPS).</summary>
public class ProposalPhoto
{
    private ProposalPhoto() { }

    internal ProposalPhoto(Guid storedFileId, int position)
    {
        StoredFileId = storedFileId;
        Position = position;
    }

    public long Id { get; private set; }
    public long ProposalId { get; private set; }
    public Guid StoredFileId { get; private set; }
    public int Position { get; private set; }
}
