using Portal.Domain.Shared;

namespace Portal.Domain.Residents;

/// <summary>How the owner agreed to be registered by someone else.</summary>
public enum AssistMethod
{
    /// <summary>The owner read out the SMS code sent to the register's phone: linked as owner at once.</summary>
    SmsCode = 0,
    /// <summary>A photo of the consent form the owner signed: a link request the register keepers decide.</summary>
    ConsentForm = 1,
}

/// <summary>
/// A building lead (楼门长代办) or a register keeper registered an owner for them. Kept for the owner to see on 我的信息,
/// whichever way they agreed; the consent form's photo is kept with it.
/// </summary>
public class AssistedSignUp
{
    private AssistedSignUp() { }

    private AssistedSignUp(long compoundId, long flatId, string ownerUserId, string assistedByUserId, CompoundRoleKind? assistedAs,
        AssistMethod method, DateTimeOffset at, Guid? consentFileId)
    {
        if (ownerUserId == assistedByUserId)
            throw new DomainException("assist.self", "Nobody assists their own sign-up.");
        CompoundId = compoundId;
        FlatId = flatId;
        OwnerUserId = ownerUserId;
        AssistedByUserId = assistedByUserId;
        AssistedAs = assistedAs;
        Method = method;
        At = at;
        ConsentFileId = consentFileId;
    }

    public static AssistedSignUp BySmsCode(long compoundId, long flatId, string ownerUserId, string assistedByUserId,
        CompoundRoleKind? assistedAs, DateTimeOffset at) =>
        new(compoundId, flatId, ownerUserId, assistedByUserId, assistedAs, AssistMethod.SmsCode, at, null);

    public static AssistedSignUp ByConsentForm(long compoundId, long flatId, string ownerUserId, string assistedByUserId,
        CompoundRoleKind? assistedAs, DateTimeOffset at, Guid consentFileId) =>
        new(compoundId, flatId, ownerUserId, assistedByUserId, assistedAs, AssistMethod.ConsentForm, at, consentFileId);

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    /// <summary>The owner's account, found or opened for the phone the helper entered.</summary>
    public string OwnerUserId { get; private set; } = "";
    public string AssistedByUserId { get; private set; } = "";
    /// <summary>The role the helper held for this flat at the time (楼门长, 业主委员会 …); null for a platform admin.</summary>
    public CompoundRoleKind? AssistedAs { get; private set; }
    public AssistMethod Method { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>The photo of the signed consent form (<see cref="AssistMethod.ConsentForm"/>); gone once the owner closes the account.</summary>
    public Guid? ConsentFileId { get; private set; }
}
