using Microsoft.AspNetCore.Identity;

namespace Portal.Features.Accounts;

/// <summary>Email is optional (phone accounts have none), but an address, when given, belongs to one account only.</summary>
public sealed class OptionalUniqueEmailValidator : IUserValidator<PortalUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user)
    {
        var email = await manager.GetEmailAsync(user);
        if (string.IsNullOrWhiteSpace(email)) return IdentityResult.Success;
        var owner = await manager.FindByEmailAsync(email);
        return owner is null || owner.Id == await manager.GetUserIdAsync(user)
            ? IdentityResult.Success
            : IdentityResult.Failed(manager.ErrorDescriber.DuplicateEmail(email));
    }
}
