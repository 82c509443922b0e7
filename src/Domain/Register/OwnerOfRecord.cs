namespace Portal.Domain.Register;

/// <summary>
/// The title holder (业主) of one or more flats. Counted once in headcount however many flats it holds;
/// co-owners of a flat share one; all the developer's unsold flats belong to one.
/// </summary>
public class OwnerOfRecord
{
    private OwnerOfRecord() { }

    public OwnerOfRecord(long compoundId, string ownerKey, string name, string? phone)
    {
        CompoundId = compoundId;
        OwnerKey = ownerKey.Trim();
        Name = name.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    /// <summary>The committee's own key for this owner in the register.</summary>
    public string OwnerKey { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Phone { get; private set; }
    /// <summary>
    /// The linked account that casts this owner's ballot online (co-owners vote through one of them). Null: the first
    /// linked owner account is the representative.
    /// </summary>
    public string? VotingRepresentativeUserId { get; private set; }

    public void DesignateRepresentative(string? userId) =>
        VotingRepresentativeUserId = string.IsNullOrWhiteSpace(userId) ? null : userId;

    public void UpdateContact(string name, string? phone)
    {
        Name = name.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }
}
