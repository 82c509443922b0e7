using Microsoft.AspNetCore.Identity;
using Portal.Features.Accounts;
using Portal.Data;

namespace Portal.Ops;

public sealed class MigrateCommand : IOpsCommand
{
    public string Name => "migrate";
    public string Arguments => "";
    public string Summary => "create or update the database schema";
    public IReadOnlyCollection<string> ValueOptions => [];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await DatabaseSetup.MigrateAsync(services, ct);
        stdout.WriteLine("database is up to date");
        return 0;
    }
}

public sealed class SeedDemoCommand : IOpsCommand
{
    public string Name => "seed-demo";
    public string Arguments => "";
    public string Summary => "add the demo compound and one account per role";
    public IReadOnlyCollection<string> ValueOptions => [];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        await DatabaseSetup.MigrateAsync(services, ct);
        var added = await DemoSeed.RunAsync(services, ct);
        stdout.WriteLine(added ? "demo data added" : "demo data already present");
        return 0;
    }
}

public sealed class CreateAdminCommand : IOpsCommand
{
    public string Name => "create-admin";
    public string Arguments => "--email E --password P";
    public string Summary => "create a platform admin (or make an account one)";
    public IReadOnlyCollection<string> ValueOptions => ["email", "password"];

    public async Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var email = args.Required("email").Trim();
        var password = args.Required("password");
        if (!new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            throw new OpsUsageException($"'{email}' is not an email address");

        await DatabaseSetup.MigrateAsync(services, ct);
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var clock = services.GetRequiredService<TimeProvider>();
        if (!await roles.RoleExistsAsync(PlatformRoles.Admin))
            await roles.CreateAsync(new IdentityRole(PlatformRoles.Admin));

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                stderr.WriteLine("error: " + string.Join("; ", created.Errors.Select(e => e.Description)));
                return 1;
            }
        }
        if (!await users.IsInRoleAsync(user, PlatformRoles.Admin))
            await users.AddToRoleAsync(user, PlatformRoles.Admin);
        stdout.WriteLine($"{email} is a platform admin");
        return 0;
    }
}
