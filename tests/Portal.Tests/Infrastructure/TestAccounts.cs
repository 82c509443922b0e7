using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Accounts;

namespace Portal.Tests.Infrastructure;

/// <summary>Accounts made directly through Identity, and signing them in over HTTP.</summary>
public static class TestAccounts
{
    public const string Password = "Test-pass-2026";

    public static async Task<PortalUser> CreateUserAsync(this PortalFactory factory, string email, bool admin = false, string? name = null)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? email.Split('@')[0], CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (admin)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(PlatformRoles.Admin)) await roles.CreateAsync(new IdentityRole(PlatformRoles.Admin));
            await users.AddToRoleAsync(user, PlatformRoles.Admin);
        }
        return user;
    }

    /// <summary>A client signed in as <paramref name="email"/> through the real login form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory factory, string email, string password = Password)
    {
        var client = factory.NewClient();
        var response = await client.SubmitFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"login as {email} answered {(int)response.StatusCode}");
        return client;
    }
}
