namespace Portal.Domain.Residents;

public enum PhoneCodeStatus
{
    Waiting = 0,
    Used = 1,
    /// <summary>Too many wrong entries.</summary>
    Voided = 2,
    /// <summary>A newer code was sent to the same phone for the same purpose.</summary>
    Superseded = 3,
}

public enum PhoneCodeCheck
{
    Accepted,
    Wrong,
    Expired,
    Voided,
}

/// <summary>
/// A one-time code sent by SMS to prove a phone (sign-in, claiming a flat). Only its keyed hash is kept. Each row is
/// also one sent SMS, so counting rows gives the per-phone and per-IP limits on every web server alike.
/// </summary>
public class PhoneCode
{
    public const int Digits = 6;
    public const int MaxWrongTries = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private PhoneCode() { }

    public PhoneCode(string phone, string purpose, string codeHash, string? ip, DateTimeOffset now)
    {
        Phone = phone;
        Purpose = purpose;
        CodeHash = codeHash;
        Ip = ip;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public long Id { get; private set; }
    /// <summary>E.164.</summary>
    public string Phone { get; private set; } = "";
    /// <summary>What the code proves, e.g. "login" or "claim:42".</summary>
    public string Purpose { get; private set; } = "";
    public string CodeHash { get; private set; } = "";
    public string? Ip { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public int WrongTries { get; private set; }
    public PhoneCodeStatus Status { get; private set; }

    public int TriesLeft => Math.Max(0, MaxWrongTries - WrongTries);

    /// <summary>Records one entry of the code: <paramref name="matches"/> says whether it hashed to this code.</summary>
    public PhoneCodeCheck Check(bool matches, DateTimeOffset now)
    {
        if (Status is PhoneCodeStatus.Voided or PhoneCodeStatus.Used or PhoneCodeStatus.Superseded) return PhoneCodeCheck.Voided;
        if (now >= ExpiresAt) return PhoneCodeCheck.Expired;
        if (matches)
        {
            Status = PhoneCodeStatus.Used;
            return PhoneCodeCheck.Accepted;
        }
        WrongTries++;
        if (WrongTries >= MaxWrongTries) Status = PhoneCodeStatus.Voided;
        return Status == PhoneCodeStatus.Voided ? PhoneCodeCheck.Voided : PhoneCodeCheck.Wrong;
    }

    public void Supersede()
    {
        if (Status == PhoneCodeStatus.Waiting) Status = PhoneCodeStatus.Superseded;
    }
}
