using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Shared;

namespace Portal.Domain.Residents;

/// <summary>
/// The one-time code on a flat's invitation letter. Only its hash is stored: the code is shown once, when the
/// letter is printed; a lost letter is reissued (the old code revoked).
/// </summary>
public class InvitationCode
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L
    public const int Length = 10;

    private InvitationCode() { }

    private InvitationCode(long compoundId, long flatId, string codeHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string issuedBy)
    {
        CompoundId = compoundId;
        FlatId = flatId;
        CodeHash = codeHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        IssuedBy = issuedBy;
    }

    /// <summary>A fresh random code, normalised (10 characters, no look-alikes).</summary>
    public static string NewPlain()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>
    /// Issues a code for a flat. <paramref name="codeHash"/> is the keyed hash of the plain code (CodeHasher with
    /// <see cref="HashPurpose"/>); returns the entity and the plain code as printed on the letter.
    /// </summary>
    public static (InvitationCode Code, string Printed) Issue(long compoundId, long flatId, string plain, string codeHash,
        DateTimeOffset now, TimeSpan validFor, string issuedBy) =>
        (new InvitationCode(compoundId, flatId, codeHash, now, now + validFor, issuedBy), Display(Normalise(plain)));

    /// <summary>The purpose under which invitation codes are keyed-hashed.</summary>
    public const string HashPurpose = "portal-invitation";

    public long Id { get; private set; }
    public long CompoundId { get; private set; }
    public long FlatId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTimeOffset? UsedAt { get; private set; }
    public string? UsedByUserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public void Redeem(string userId, DateTimeOffset now)
    {
        if (UsedAt is not null) throw new DomainException("invitation.used", "This code has already been used.");
        if (RevokedAt is not null) throw new DomainException("invitation.revoked", "This code has been revoked.");
        if (now >= ExpiresAt) throw new DomainException("invitation.expired", "This code has expired.");
        UsedAt = now;
        UsedByUserId = userId;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (UsedAt is null && RevokedAt is null) RevokedAt = now;
    }

    /// <summary>Upper-cases and drops spaces and dashes, so "abcde-fghjk" matches.</summary>
    public static string Normalise(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>
    /// The unsalted SHA-256 used before codes were keyed (upper-case hex). Only to recognise letters printed then:
    /// such a code is re-hashed with the key on its first use (<see cref="Rehash"/>).
    /// </summary>
    public static string LegacyHash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("portal-invitation:" + Normalise(code))));

    public bool HasLegacyHash => CodeHash.Length == 64 && CodeHash.Any(char.IsAsciiLetterUpper);

    public void Rehash(string keyedHash) => CodeHash = keyedHash;

    public static string Display(string plain) => plain[..5] + "-" + plain[5..];
}

/// <summary>One attempt to claim a flat with a code; failures count towards the lockout.</summary>
public class ClaimAttempt
{
    private ClaimAttempt() { }

    public ClaimAttempt(string userId, string? ip, DateTimeOffset at, bool succeeded)
    {
        UserId = userId;
        Ip = ip is { Length: > 64 } ? ip[..64] : ip;
        At = at;
        Succeeded = succeeded;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string? Ip { get; private set; }
    public DateTimeOffset At { get; private set; }
    public bool Succeeded { get; private set; }
}
