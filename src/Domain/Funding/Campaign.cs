using Portal.Domain.Shared;

namespace Portal.Domain.Funding;

public enum CampaignMode
{
    /// <summary>Cards are charged only if the goal is met by the deadline (the default).</summary>
    AllOrNothing = 0,
    /// <summary>Whatever was pledged is collected at the deadline.</summary>
    KeepWhatIsRaised = 1,
}

public enum CampaignStatus { Open = 0, Succeeded = 1, Failed = 2, Cancelled = 3 }

/// <summary>Collecting the residents' share of one plan item: a goal, a deadline and pledges.</summary>
public class Campaign
{
    private Campaign() { }

    public Campaign(long compoundId, long planItemId, long costSharingSchemeId, long goalFen, DateTimeOffset deadline, CampaignMode mode,
        long minimumPledgeFen, DateTimeOffset openedAt, string openedBy)
    {
        if (goalFen < 0 || minimumPledgeFen < 0)
            throw new DomainException("funding.amount_negative", "Amounts cannot be negative.");
        if (deadline <= openedAt)
            throw new DomainException("campaign.deadline_past", "The deadline must be in the future.");
        CompoundId = compoundId;
        PlanItemId = planItemId;
        CostSharingSchemeId = costSharingSchemeId;
        GoalFen = goalFen;
        Deadline = deadline;
        Mode = mode;
        MinimumPledgeFen = minimumPledgeFen;
        OpenedAt = openedAt;
        OpenedBy = openedBy;
        Status = CampaignStatus.Open;
    }

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long PlanItemId { get; private set; }
    public long CostSharingSchemeId { get; private set; }
    public long GoalFen { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public CampaignMode Mode { get; private set; }
    public long MinimumPledgeFen { get; private set; }
    public CampaignStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset? GoalReachedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>The supervised account (共管账户) for bank transfers; null until the committee sets it.</summary>
    public string? TransferAccountName { get; private set; }
    public string? TransferBank { get; private set; }
    public string? TransferAccountNumber { get; private set; }

    public TransferAccount? TransferAccount =>
        TransferAccountName is null || TransferBank is null || TransferAccountNumber is null ? null : new(TransferAccountName, TransferBank, TransferAccountNumber);

    public void SetTransferAccount(TransferAccount account)
    {
        TransferAccountName = account.Name;
        TransferBank = account.Bank;
        TransferAccountNumber = account.Number;
    }

    /// <summary>Part of the goal is now paid from the flats' maintenance-fund accounts, so the households collect less.</summary>
    public void LowerGoalBy(long fen)
    {
        if (Status != CampaignStatus.Open || fen <= 0) return;
        GoalFen = Math.Max(0, GoalFen - fen);
    }

    public bool AcceptsPledgesAt(DateTimeOffset now) => Status == CampaignStatus.Open && now < Deadline;

    public int DaysLeft(DateTimeOffset now) =>
        Status != CampaignStatus.Open || now >= Deadline ? 0 : (int)Math.Ceiling((Deadline - now).TotalDays);

    public void CheckPledgeAmount(long amountFen)
    {
        if (amountFen <= 0)
            throw new DomainException("pledge.amount_not_positive", "A pledge must be more than zero.");
        if (amountFen < MinimumPledgeFen)
            throw new DomainException("pledge.below_minimum", "The pledge is below the campaign's minimum.");
    }

    /// <summary>Notes the first moment the pledged total reached the goal; true the first time only.</summary>
    public bool NoteRaised(long pledgedFen, DateTimeOffset at)
    {
        if (GoalReachedAt is not null || pledgedFen < GoalFen || Status != CampaignStatus.Open) return false;
        GoalReachedAt = at;
        return true;
    }

    /// <summary>Succeeds when the goal is met (all-or-nothing), or at the deadline with anything raised (keep-what-is-raised).</summary>
    public bool CanSucceed(long pledgedFen, DateTimeOffset now) => Status == CampaignStatus.Open && Mode switch
    {
        CampaignMode.AllOrNothing => pledgedFen >= GoalFen,
        _ => pledgedFen > 0 && (now >= Deadline || pledgedFen >= GoalFen),
    };

    public void Succeed(long pledgedFen, DateTimeOffset at)
    {
        if (!CanSucceed(pledgedFen, at))
            throw new DomainException("campaign.cannot_succeed", "The campaign is not open or has not raised enough to succeed.");
        Status = CampaignStatus.Succeeded;
        GoalReachedAt ??= at;
        ClosedAt = at;
    }

    public void Fail(DateTimeOffset at)
    {
        if (Status != CampaignStatus.Open)
            throw new DomainException("campaign.not_open", "Only an open campaign can fail.");
        Status = CampaignStatus.Failed;
        ClosedAt = at;
    }

    /// <summary>The committee stops the campaign (or the project is cancelled); after success this means refunds.</summary>
    public void Cancel(DateTimeOffset at)
    {
        if (Status is CampaignStatus.Cancelled or CampaignStatus.Failed)
            throw new DomainException("campaign.already_closed", "The campaign is already closed.");
        Status = CampaignStatus.Cancelled;
        ClosedAt = at;
    }
}
