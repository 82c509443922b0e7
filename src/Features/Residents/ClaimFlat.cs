using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Accounts;
using Portal.Features.Register;
using Portal.Files;

namespace Portal.Features.Residents;

/// <summary>Why a code did not link the flat.</summary>
public enum ClaimRefusal { Wrong, Used, Revoked, Expired, Locked, SmsWrong, SmsExpired, SmsVoided, SmsTooSoon, SmsFailed }

/// <summary>Where a claim stands: linked, waiting for the SMS code, to be sent to the committee with a certificate, or refused.</summary>
public enum ClaimStep { Claimed, NeedsSms, NeedsCertificate, Refused }

/// <summary>
/// What a claim step came to. The flat's compound when claimed; the masked register phone the SMS went to; otherwise
/// why not, the tries left (of the letter lockout, or of the SMS code) and, once locked, until when.
/// </summary>
public sealed record ClaimResult(ClaimStep Step, string? CompoundCode = null, ClaimRefusal? Refusal = null, int? TriesLeft = null,
    DateTimeOffset? LockedUntil = null, string? MaskedPhone = null, DateTimeOffset? TryAgainAt = null)
{
    public bool Claimed => Step == ClaimStep.Claimed;
}

/// <summary>
/// A signed-in resident claims owner status with the code from their invitation letter AND a second factor: where the
/// register holds a phone for the owner of record, an SMS code sent to that phone; otherwise (or without access to that
/// phone) a link request with a photo of the property certificate, decided by the committee. The letter alone makes
/// nobody an owner: whoever opens the mailbox is not yet the title holder. Wrong letter codes count per account and per
/// address; too many lock claiming for a while.
/// </summary>
public sealed class ClaimFlat(PortalDb db, InvitationCodes codes, PhoneCodes phoneCodes, FileStore files, TimeProvider clock,
    IOptions<RegisterOptions> options)
{
    public const string CertificatePurpose = FileOwnerKinds.Certificate;

    /// <summary>Step one: checks the letter's code and sends the SMS code to the register's phone, if it has one.</summary>
    public async Task<ClaimResult> StartAsync(string userId, string? ip, string plainCode, CancellationToken ct = default)
    {
        var (code, refused) = await UsableCodeAsync(userId, ip, plainCode, ct);
        if (code is null) return refused!;
        var phone = await RegisterPhoneAsync(code.FlatId, ct);
        if (phone is null) return new ClaimResult(ClaimStep.NeedsCertificate);
        var sent = await phoneCodes.SendAsync(phone, Purpose(code), ip, ct);
        return sent.Outcome switch
        {
            SendCodeOutcome.Sent => new ClaimResult(ClaimStep.NeedsSms, MaskedPhone: PhoneNumberRules.Mask(phone)),
            SendCodeOutcome.TooSoon => new ClaimResult(ClaimStep.NeedsSms, Refusal: ClaimRefusal.SmsTooSoon, MaskedPhone: PhoneNumberRules.Mask(phone), TryAgainAt: sent.TryAgainAt),
            _ => new ClaimResult(ClaimStep.NeedsSms, Refusal: ClaimRefusal.SmsFailed, MaskedPhone: PhoneNumberRules.Mask(phone)),
        };
    }

    /// <summary>Step two: the letter's code with the SMS code sent to the register's phone links the account as owner.</summary>
    public async Task<ClaimResult> ConfirmAsync(string userId, string? ip, string plainCode, string smsCode, CancellationToken ct = default)
    {
        var (code, refused) = await UsableCodeAsync(userId, ip, plainCode, ct);
        if (code is null) return refused!;
        var phone = await RegisterPhoneAsync(code.FlatId, ct);
        if (phone is null) return new ClaimResult(ClaimStep.NeedsCertificate);
        var masked = PhoneNumberRules.Mask(phone);
        var check = await phoneCodes.CheckAsync(phone, Purpose(code), smsCode, ct);
        switch (check.Outcome)
        {
            case PhoneCodeCheck.Wrong: return new ClaimResult(ClaimStep.NeedsSms, Refusal: ClaimRefusal.SmsWrong, TriesLeft: check.TriesLeft, MaskedPhone: masked);
            case PhoneCodeCheck.Expired: return new ClaimResult(ClaimStep.NeedsSms, Refusal: ClaimRefusal.SmsExpired, MaskedPhone: masked);
            case PhoneCodeCheck.Voided: return new ClaimResult(ClaimStep.NeedsSms, Refusal: ClaimRefusal.SmsVoided, MaskedPhone: masked);
        }

        var now = clock.GetUtcNow();
        code.Redeem(userId, now);
        db.Add(new ClaimAttempt(userId, ip, now, succeeded: true));
        var alreadyLinked = await db.Set<ResidentLink>().AnyAsync(l => l.UserId == userId && l.FlatId == code.FlatId && l.UnlinkedAt == null
            && (l.Relation == ResidentRelation.Owner || l.Relation == ResidentRelation.CoOwner), ct);
        if (!alreadyLinked)
            db.Add(new ResidentLink(userId, code.CompoundId, code.FlatId, ResidentRelation.Owner, now, $"letter+sms:{code.Id}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone redeemed the same code a moment earlier.
            return new ClaimResult(ClaimStep.Refused, Refusal: ClaimRefusal.Used);
        }
        var compoundCode = await db.Set<Compound>().Where(c => c.Id == code.CompoundId).Select(c => c.Code).SingleAsync(ct);
        return new ClaimResult(ClaimStep.Claimed, CompoundCode: compoundCode);
    }

    /// <summary>
    /// Without the register's phone: the letter's code and a photo of the property certificate (不动产权证/房产证) become a
    /// link request as owner that waits for the committee. A letter already used by someone else still opens a request
    /// (a co-owner may hold the same letter); the committee compares the certificate with the register.
    /// </summary>
    public async Task<(LinkRequest? Request, ClaimResult? Refused)> RequestWithCertificateAsync(string userId, string? ip, string plainCode,
        IFormFile? certificate, string? note, CancellationToken ct = default)
    {
        if (certificate is null) throw new DomainException("claim.certificate_required", "Attach a photo of the property certificate.");
        var (code, refused) = await KnownCodeAsync(userId, ip, plainCode, allowUsed: true, ct);
        if (code is null) return (null, refused);
        if (await db.Set<LinkRequest>().AnyAsync(r => r.UserId == userId && r.FlatId == code.FlatId && r.Status == LinkRequestStatus.Pending, ct))
            throw new DomainException("link_request.already_pending", "This account already asked for this flat.");
        var photo = await files.AddAsync(certificate, UploadRule.Photo, code.CompoundId, CertificatePurpose, userId, ct);
        var request = new LinkRequest(userId, code.CompoundId, code.FlatId, ResidentRelation.Owner, note, clock.GetUtcNow());
        request.AttachCertificate(photo.Id, code.Id);
        db.Add(request);
        await db.SaveChangesAsync(ct);
        return (request, null);
    }

    private static string Purpose(InvitationCode code) => $"claim:{code.Id}";

    private async Task<string?> RegisterPhoneAsync(long flatId, CancellationToken ct)
    {
        var stored = await (from f in db.Set<Flat>()
                            join o in db.Set<OwnerOfRecord>() on f.OwnerOfRecordId equals o.Id
                            where f.Id == flatId
                            select o.Phone).FirstOrDefaultAsync(ct);
        return PhoneNumberRules.Parse(stored).E164;
    }

    private Task<(InvitationCode? Code, ClaimResult? Refused)> UsableCodeAsync(string userId, string? ip, string plainCode, CancellationToken ct) =>
        KnownCodeAsync(userId, ip, plainCode, allowUsed: false, ct);

    /// <summary>The letter's code if it may be used (a used one only when <paramref name="allowUsed"/>), else the refusal; a wrong try counts.</summary>
    private async Task<(InvitationCode? Code, ClaimResult? Refused)> KnownCodeAsync(string userId, string? ip, string plainCode, bool allowUsed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var since = now.AddMinutes(-o.LockoutMinutes);

        var accountFailures = await db.Set<ClaimAttempt>().Where(a => a.UserId == userId && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        var addressFailures = ip is null ? [] : await db.Set<ClaimAttempt>().Where(a => a.Ip == ip && !a.Succeeded && a.At > since).Select(a => a.At).ToListAsync(ct);
        if (accountFailures.Count >= o.ClaimFailuresPerAccount || addressFailures.Count >= o.ClaimFailuresPerAddress)
        {
            var oldest = accountFailures.Count >= o.ClaimFailuresPerAccount ? accountFailures.Min() : addressFailures.Min();
            return (null, new ClaimResult(ClaimStep.Refused, Refusal: ClaimRefusal.Locked, TriesLeft: 0, LockedUntil: oldest.AddMinutes(o.LockoutMinutes)));
        }

        var code = await codes.FindAsync(plainCode, ct);
        var usable = code is not null && (code.IsUsable(now) || (allowUsed && code.RevokedAt is null && now < code.ExpiresAt));
        if (code is null || !usable)
        {
            db.ChangeTracker.Clear(); // a re-hash of a refused code is not worth keeping apart from the attempt
            db.Add(new ClaimAttempt(userId, ip, now, succeeded: false));
            await db.SaveChangesAsync(ct);
            var why = code is null ? ClaimRefusal.Wrong
                : code.RevokedAt is not null ? ClaimRefusal.Revoked
                : now >= code.ExpiresAt ? ClaimRefusal.Expired
                : ClaimRefusal.Used;
            var left = o.ClaimFailuresPerAccount - accountFailures.Count - 1;
            return (null, new ClaimResult(ClaimStep.Refused, Refusal: why, TriesLeft: left, LockedUntil: left > 0 ? null : now.AddMinutes(o.LockoutMinutes)));
        }
        if (db.Entry(code).Property(c => c.CodeHash).IsModified) await db.SaveChangesAsync(ct);
        return (code, null);
    }
}
