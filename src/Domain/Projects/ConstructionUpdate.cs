using Portal.Domain.Shared;

namespace Portal.Domain.Projects;

/// <summary>Progress on one plan item, posted by the property manager or the committee, for residents to follow.</summary>
public class ConstructionUpdate
{
    private readonly List<ConstructionUpdatePhoto> _photos = [];

    private ConstructionUpdate() { }

    /// <summary>Posts progress on <paramref name="item"/>; only while it is being tendered or built.</summary>
    public static ConstructionUpdate Post(PlanItem item, string text, DateOnly workDate, int percentDone, string postedBy, DateTimeOffset postedAt)
    {
        if (item.Status is not (PlanItemStatus.Tendering or PlanItemStatus.InConstruction))
            throw new DomainException("update.not_in_construction", "Progress can be posted only while the works are under way.");
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainException("update.text_required", "Say what was done.");
        if (percentDone is < 0 or > 100)
            throw new DomainException("update.percent_out_of_range", "The percentage done must be between 0 and 100.");
        return new ConstructionUpdate
        {
            PlanItemId = item.Id,
            CompoundId = item.CompoundId,
            Text = text.Trim(),
            WorkDate = workDate,
            PercentDone = percentDone,
            PostedBy = postedBy,
            PostedAt = postedAt,
        };
    }

    public long Id { get; private set; }
    public long PlanItemId { get; private set; }
    public long CompoundId { get; private set; }
    public string Text { get; private set; } = "";
    public DateOnly WorkDate { get; private set; }
    public int PercentDone { get; private set; }
    public string PostedBy { get; private set; } = "";
    public DateTimeOffset PostedAt { get; private set; }
    public IReadOnlyList<ConstructionUpdatePhoto> Photos => _photos;

    public void AddPhoto(Guid storedFileId)
    {
        if (_photos.Count >= MaxPhotos)
            throw new DomainException("update.too_many_photos", $"At most {MaxPhotos} photos per update.");
        _photos.Add(new ConstructionUpdatePhoto(storedFileId));
    }

    public const int MaxPhotos = 6;
}

public class ConstructionUpdatePhoto
{
    private ConstructionUpdatePhoto() { }
    internal ConstructionUpdatePhoto(Guid storedFileId) => StoredFileId = storedFileId;

    public long Id { get; private set; }
    public long ConstructionUpdateId { get; private set; }
    public Guid StoredFileId { get; private set; }
}
