namespace Portal.Domain.Proposals;

/// <summary>One step of a proposal's life, shown publicly on its page.</summary>
public class ProposalTimelineEntry
{
    private ProposalTimelineEntry() { }

    internal ProposalTimelineEntry(ProposalStatus status, DateTimeOffset at, string byUserId, string? note)
    {
        Status = status;
        At = at;
        ByUserId = byUserId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public long Id { get; private set; }
    public long ProposalId { get; private set; }
    public ProposalStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>Who made the change; never shown to residents.</summary>
    public string ByUserId { get; private set; } = "";
    /// <summary>A public note (the reason for a decline, the proposal merged into...).</summary>
    public string? Note { get; private set; }
}
