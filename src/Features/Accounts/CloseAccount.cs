using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Register;
using Portal.Notifications;

namespace Portal.Features.Accounts;

/// <summary>
/// A resident closes their account (PIPL). The account row stays, emptied of everything personal, because ballots,
/// the vote audit chain, proposals and comments refer to its id: they stay as they are and show 已注销用户. The links to
/// flats are removed the way a committee unlinks (the household's next owner account becomes its representative),
/// roles and inbox are deleted, and nobody can sign in to it again. Safe to run twice.
/// </summary>
public sealed class CloseAccount(PortalDb db, UserManager<PortalUser> users, UnlinkResident unlink, TimeProvider clock,
    ILogger<CloseAccount> log)
{
    public const string UnlinkReason = "账号已注销 / account closed";

    public async Task RunAsync(string userId, CancellationToken ct = default)
    {
        if (await users.FindByIdAsync(userId) is not { IsClosed: false }) return;

        // A card payment in flight must end (charged, failed or released) before its payer disappears.
        if (await db.Set<Pledge>().AnyAsync(p => p.UserId == userId && p.Method == PledgeMethod.Card &&
                (p.Status == PledgeStatus.CardSaved || p.Status == PledgeStatus.Charged || p.Status == PledgeStatus.ActionNeeded), ct))
            throw new DomainException("account.card_payment_pending", "A card payment of this account is still pending.");

        var links = await db.Set<ResidentLink>().Where(l => l.UserId == userId && l.UnlinkedAt == null)
            .Select(l => new { l.Id, l.CompoundId }).ToListAsync(ct);
        foreach (var link in links)
            await unlink.UnlinkAsync(link.CompoundId, link.Id, userId, UnlinkReason, ct);

        // Unlinking may start its unit of work afresh: load the account after it.
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var now = clock.GetUtcNow();
        var pending = await db.Set<LinkRequest>().Where(r => r.UserId == userId && r.Status == LinkRequestStatus.Pending).ToListAsync(ct);
        foreach (var request in pending) request.Reject(userId, now, UnlinkReason);
        var certificates = await db.Set<LinkRequest>().Where(r => r.UserId == userId && r.CertificateFileId != null)
            .Select(r => r.CertificateFileId!.Value).ToListAsync(ct);
        await db.Set<Portal.Files.StoredFile>().Where(f => certificates.Contains(f.Id)).ExecuteDeleteAsync(ct);
        // The record of an assisted sign-up stays (who helped, when); the photo of the signed consent form goes.
        var consentForms = await db.Set<AssistedSignUp>().Where(a => a.OwnerUserId == userId && a.ConsentFileId != null)
            .Select(a => a.ConsentFileId!.Value).ToListAsync(ct);
        await db.Set<AssistedSignUp>().Where(a => a.OwnerUserId == userId && a.ConsentFileId != null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ConsentFileId, (Guid?)null), ct);
        await db.Set<Portal.Files.StoredFile>().Where(f => consentForms.Contains(f.Id)).ExecuteDeleteAsync(ct);
        await db.Set<CompoundRole>().Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<CityOfficerScope>().Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<Notification>().Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<NotificationPreference>().Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Set<Delivery>().Where(d => d.UserId == userId && d.Status != DeliveryStatus.Sending).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);

        user.UserName = PortalUser.ClosedUserNamePrefix + user.Id;
        user.Email = null;
        user.EmailConfirmed = false;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.PasswordHash = null;
        user.TwoFactorEnabled = false;
        user.DisplayName = PortalUser.ClosedAccountName;
        user.PrivacyConsentAt = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await db.SaveChangesAsync(ct);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
            throw new InvalidOperationException("account not closed: " + string.Join("; ", updated.Errors.Select(e => e.Code)));
        // Ends the sessions on every other device at their next check.
        await users.UpdateSecurityStampAsync(user);
        log.LogInformation("Account {UserId} closed by its owner", userId);
    }
}
