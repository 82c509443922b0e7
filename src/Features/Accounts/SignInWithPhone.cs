using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Shared;

namespace Portal.Features.Accounts;

/// <summary>
/// Signs in the account whose confirmed phone is the one the resident just proved with an SMS code; the account is
/// made on first sign-in (no email, no password), with the privacy consent the page asked for.
/// </summary>
public sealed class SignInWithPhone(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TimeProvider clock,
    ILogger<SignInWithPhone> log)
{
    /// <summary>Call only after <see cref="PhoneCodes.CheckAsync"/> accepted a code for <paramref name="phone"/> (E.164).</summary>
    public async Task<PortalUser> RunAsync(string phone, bool consented, string culture, CancellationToken ct = default)
    {
        var user = await FindOrOpenAsync(phone, consented, culture, ct);
        if (await users.IsLockedOutAsync(user)) throw new DomainException("account.locked_out", "account locked out");
        await signIn.SignInAsync(user, isPersistent: true);
        return user;
    }

    /// <summary>
    /// The account whose confirmed phone is <paramref name="phone"/> (E.164), opened if there is none, without signing
    /// anyone in: sign-in above, and a building lead registering an owner (<see cref="Residents.AssistSignUp"/>).
    /// Opening one needs the person's privacy consent.
    /// </summary>
    public async Task<PortalUser> FindOrOpenAsync(string phone, bool consented, string culture, CancellationToken ct = default)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed, ct);
        if (user is null)
        {
            if (!consented) throw new DomainException("account.consent_required", "privacy consent is required to open an account");
            user = new PortalUser
            {
                UserName = phone,
                PhoneNumber = phone,
                PhoneNumberConfirmed = true,
                DisplayName = PhoneNumberRules.Mask(phone),
                PreferredCulture = culture,
                CreatedAt = clock.GetUtcNow(),
                PrivacyConsentAt = clock.GetUtcNow(),
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                throw new InvalidOperationException("phone account not created: " + string.Join("; ", created.Errors.Select(e => e.Code)));
            log.LogInformation("Account {UserId} opened by phone", user.Id);
        }
        else if (user.PrivacyConsentAt is null && consented)
        {
            user.PrivacyConsentAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
        }
        return user;
    }
}
