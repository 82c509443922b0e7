using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Files;
using Portal.Notifications;

namespace Portal.Features.Residents;

/// <summary>A flat whose owner of record has no owner account yet, as the helper sees it: the register phone masked.</summary>
public sealed record AssistableFlat(long FlatId, long BuildingId, long EntranceId, string Label, string OwnerName, string? RegisterPhone)
{
    public string MaskedRegisterPhone => PhoneNumberRules.Mask(PhoneNumberRules.Parse(RegisterPhone).E164 ?? RegisterPhone);
}

/// <summary>Where an assisted sign-up stands after a step.</summary>
public enum AssistStep
{
    /// <summary>An SMS code went to the register's phone (or one sent earlier is still waiting): the owner reads it out.</summary>
    CodeSent,
    /// <summary>No register phone, or another phone: a photo of the signed consent form, for the committee.</summary>
    NeedsConsentForm,
    /// <summary>The owner's account is linked to the flat as owner.</summary>
    Registered,
    /// <summary>A link request as owner, with the consent form, waits for the register keepers.</summary>
    Requested,
}

public enum AssistRefusal { CodeTooSoon, CodeNotSent, CodeWrong, CodeExpired, CodeVoided }

/// <summary>
/// What a step came to; <see cref="RegisterHasPhone"/> says why a consent form is needed (none on the register, or a
/// different one), <see cref="TriesLeft"/> after a wrong code, <see cref="TryAgainAt"/> after a refused send.
/// </summary>
public sealed record AssistResult(AssistStep Step, AssistRefusal? Refusal = null, int TriesLeft = 0, DateTimeOffset? TryAgainAt = null,
    bool RegisterHasPhone = false);

/// <summary>
/// 楼门长代办: a building lead (in their own building or entrance) or a register keeper registers an elderly owner. With
/// the phone the register holds for that owner, the owner reads out the SMS code sent to it and the account for that
/// phone is linked as owner, as a claim with the letter and the SMS code would; the helper stays signed in as
/// themselves. Otherwise a photo of the consent form the owner signed makes a link request as owner that the register
/// keepers decide. Either way the assistance is logged (<see cref="AssistedSignUp"/>) and the owner is told.
/// </summary>
public sealed class AssistSignUp(PortalDb db, PhoneCodes phoneCodes, SignInWithPhone phoneAccounts, FileStore files, TimeProvider clock,
    INotifier notifier)
{
    public const int ListLimit = 500;

    /// <summary>One code per flat: a code read out for one flat does not register another.</summary>
    public static string CodePurpose(long flatId) => $"assist:{flatId}";

    /// <summary>Accounts opened for an owner by someone else get the portal's default language.</summary>
    private const string OwnerCulture = "zh-CN";

    /// <summary>The flats <paramref name="helper"/> may assist in (optionally one building's) whose owner has no account, in register order.</summary>
    public async Task<List<AssistableFlat>> WaitingAsync(Compound compound, Membership helper, long? buildingId, CancellationToken ct = default)
    {
        var flats = db.Set<Flat>().Where(f => f.CompoundId == compound.Id);
        if (!(helper.KeepsRegister || helper.IsPlatformAdmin))
        {
            var leads = helper.Roles.Where(r => r.Kind == CompoundRoleKind.BuildingLead).ToList();
            var entrances = leads.Where(r => r.EntranceId is not null).Select(r => r.EntranceId!.Value).ToList();
            var buildings = leads.Where(r => r.EntranceId is null && r.BuildingId is not null).Select(r => r.BuildingId!.Value).ToList();
            flats = flats.Where(f => entrances.Contains(f.EntranceId) || buildings.Contains(f.BuildingId));
        }
        if (buildingId is { } b) flats = flats.Where(f => f.BuildingId == b);
        var rows = await (from f in WithoutOwnerAccount(flats).WithNames(db)
                          join o in db.Set<OwnerOfRecord>() on f.Flat.OwnerOfRecordId equals o.Id
                          orderby f.Flat.BuildingId, f.Flat.EntranceId, f.Flat.Floor, f.Flat.Room
                          select new { f, o.Name, o.Phone }).Take(ListLimit + 1).ToListAsync(ct);
        return rows.Select(r => Row(r.f, r.Name, r.Phone)).ToList();
    }

    /// <summary>A flat of the compound as the helper sees it, or null when the compound has no such flat.</summary>
    public async Task<AssistableFlat?> FlatAsync(Compound compound, long flatId, CancellationToken ct = default)
    {
        var row = await (from f in db.Set<Flat>().Where(f => f.Id == flatId && f.CompoundId == compound.Id).WithNames(db)
                         join o in db.Set<OwnerOfRecord>() on f.Flat.OwnerOfRecordId equals o.Id
                         select new { f, o.Name, o.Phone }).FirstOrDefaultAsync(ct);
        return row is null ? null : Row(row.f, row.Name, row.Phone);
    }

    /// <summary>Step one: with the register's phone, the SMS code goes to it; otherwise the consent form is needed.</summary>
    public async Task<AssistResult> StartAsync(Compound compound, Membership helper, string helperId, string? ip, long flatId, string phone,
        CancellationToken ct = default)
    {
        var flat = await UsableFlatAsync(compound, helper, helperId, flatId, phone, ct);
        if (!RegisterPhoneIs(flat, phone)) return new AssistResult(AssistStep.NeedsConsentForm, RegisterHasPhone: RegisterPhoneOf(flat) is not null);
        var sent = await phoneCodes.SendAsync(phone, CodePurpose(flat.FlatId), ip, ct, assisted: true);
        return sent.Outcome switch
        {
            SendCodeOutcome.Sent => new AssistResult(AssistStep.CodeSent),
            SendCodeOutcome.TooSoon => new AssistResult(AssistStep.CodeSent, AssistRefusal.CodeTooSoon, TryAgainAt: sent.TryAgainAt),
            _ => new AssistResult(AssistStep.CodeSent, AssistRefusal.CodeNotSent),
        };
    }

    /// <summary>
    /// Step two of the SMS way: the code the owner read out, and the owner's consent to the privacy notice the helper
    /// explained, link the account of the register's phone (opened if need be) as owner.
    /// </summary>
    public async Task<AssistResult> ConfirmAsync(Compound compound, Membership helper, string helperId, long flatId, string phone, string code,
        bool consented, CancellationToken ct = default)
    {
        var flat = await UsableFlatAsync(compound, helper, helperId, flatId, phone, ct);
        if (!RegisterPhoneIs(flat, phone)) return new AssistResult(AssistStep.NeedsConsentForm, RegisterHasPhone: RegisterPhoneOf(flat) is not null);
        if (!consented) throw new DomainException("assist.consent_required", "The owner's consent to the privacy notice is required.");
        var check = await phoneCodes.CheckAsync(phone, CodePurpose(flat.FlatId), code, ct);
        switch (check.Outcome)
        {
            case PhoneCodeCheck.Wrong: return new AssistResult(AssistStep.CodeSent, AssistRefusal.CodeWrong, check.TriesLeft);
            case PhoneCodeCheck.Expired: return new AssistResult(AssistStep.CodeSent, AssistRefusal.CodeExpired);
            case PhoneCodeCheck.Voided: return new AssistResult(AssistStep.CodeSent, AssistRefusal.CodeVoided);
        }

        var owner = await phoneAccounts.FindOrOpenAsync(phone, consented: true, OwnerCulture, ct);
        var now = clock.GetUtcNow();
        var alreadyLinked = await db.Set<ResidentLink>().AnyAsync(l => l.UserId == owner.Id && l.FlatId == flat.FlatId && l.UnlinkedAt == null
            && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner), ct);
        if (!alreadyLinked)
            db.Add(new ResidentLink(owner.Id, compound.Id, flat.FlatId, ResidentRelation.Owner, now, $"assist+sms:{helperId}"));
        db.Add(AssistedSignUp.BySmsCode(compound.Id, flat.FlatId, owner.Id, helperId, helper.AssistingAs(flat.BuildingId, flat.EntranceId), now));
        await TellOwnerAsync(compound, flat, owner.Id, helperId, ct);
        await db.SaveChangesAsync(ct);
        return new AssistResult(AssistStep.Registered);
    }

    /// <summary>
    /// The consent-form way: the photo of the form the owner signed (checked by content) and the account of the phone
    /// entered (opened if need be) make a link request as owner for the register keepers. Nobody becomes owner here.
    /// </summary>
    public async Task<LinkRequest> RequestWithConsentFormAsync(Compound compound, Membership helper, string helperId, long flatId, string phone,
        IFormFile? consentForm, CancellationToken ct = default)
    {
        if (consentForm is null) throw new DomainException("assist.consent_form_required", "Attach a photo of the signed consent form.");
        var flat = await UsableFlatAsync(compound, helper, helperId, flatId, phone, ct);
        if (await db.Set<LinkRequest>().AnyAsync(r => r.FlatId == flat.FlatId && r.Status == LinkRequestStatus.Pending
                && db.Users.Any(u => u.Id == r.UserId && u.PhoneNumber == phone && u.PhoneNumberConfirmed), ct))
            throw new DomainException("assist.request_pending", "This phone's account already asked for this flat.");

        // Checked before any account is opened: a refused upload leaves nothing behind.
        var photo = await files.AddAsync(consentForm, UploadRule.Photo, compound.Id, FileOwnerKinds.ConsentForm, helperId, ct);
        var owner = await phoneAccounts.FindOrOpenAsync(phone, consented: true, OwnerCulture, ct); // the signed form is the consent
        var now = clock.GetUtcNow();
        var request = new LinkRequest(owner.Id, compound.Id, flat.FlatId, ResidentRelation.Owner, note: null, now);
        db.Add(request);
        db.Add(AssistedSignUp.ByConsentForm(compound.Id, flat.FlatId, owner.Id, helperId, helper.AssistingAs(flat.BuildingId, flat.EntranceId), now, photo.Id));
        await TellOwnerAsync(compound, flat, owner.Id, helperId, ct);
        await db.SaveChangesAsync(ct);
        return request;
    }

    /// <summary>The flat, if the helper may assist there and its owner has no account yet; otherwise a domain refusal.</summary>
    private async Task<AssistableFlat> UsableFlatAsync(Compound compound, Membership helper, string helperId, long flatId, string phone, CancellationToken ct)
    {
        var flat = await FlatAsync(compound, flatId, ct) ?? throw new DomainException("assist.no_such_flat", "No such flat in this compound.");
        if (!helper.MayAssistSignUpAt(flat.BuildingId, flat.EntranceId))
            throw new DomainException("assist.not_your_entrance", "A building lead assists owners of their own building or entrance only.");
        if (await db.Users.AnyAsync(u => u.Id == helperId && u.PhoneNumber == phone, ct))
            throw new DomainException("assist.self", "Nobody assists their own sign-up.");
        if (!await WithoutOwnerAccount(db.Set<Flat>().Where(f => f.Id == flat.FlatId)).AnyAsync(ct))
            throw new DomainException("assist.owner_already_registered", "The owner of this flat already has an account.");
        return flat;
    }

    /// <summary>Flats whose owner of record has no account linked as owner or co-owner, through any of its flats.</summary>
    private IQueryable<Flat> WithoutOwnerAccount(IQueryable<Flat> flats)
    {
        var ownersWithAccount = from l in db.Set<ResidentLink>()
                                join f in db.Set<Flat>() on l.FlatId equals f.Id
                                where l.UnlinkedAt == null && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner)
                                select f.OwnerOfRecordId;
        return flats.Where(f => !ownersWithAccount.Contains(f.OwnerOfRecordId));
    }

    private async Task TellOwnerAsync(Compound compound, AssistableFlat flat, string ownerId, string helperId, CancellationToken ct)
    {
        var helperName = await db.Users.Where(u => u.Id == helperId).Select(u => u.DisplayName).SingleAsync(ct);
        notifier.Raise(NotificationKind.AssistedSignUp, compound.Id, Audience.Users(ownerId), "/account/my-data",
            new Dictionary<string, string>
            {
                ["compound"] = compound.Name,
                ["flat"] = flat.Label,
                ["helper"] = PhoneNumberRules.MaskIfPhone(helperName),
            });
    }

    private static bool RegisterPhoneIs(AssistableFlat flat, string phone) => RegisterPhoneOf(flat) == phone;

    /// <summary>The register's phone in E.164, or null when it has none (or one that is not a mainland mobile).</summary>
    private static string? RegisterPhoneOf(AssistableFlat flat) => PhoneNumberRules.Parse(flat.RegisterPhone).E164;

    private static AssistableFlat Row(NamedFlat f, string ownerName, string? phone) =>
        new(f.Flat.Id, f.Flat.BuildingId, f.Flat.EntranceId, f.Label, ownerName, phone);
}
