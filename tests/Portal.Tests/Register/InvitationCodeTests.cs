using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Features.Register;
using Portal.Features.Shared;
using Microsoft.Extensions.Configuration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

public sealed class InvitationCodeTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static (InvitationCode Code, string Printed) Issue(DateTimeOffset now) =>
        InvitationCode.Issue(1, 2, InvitationCode.NewPlain(), "hash-" + Guid.NewGuid().ToString("N"), now, TimeSpan.FromDays(30), "committee");

    [Fact]
    public async Task A_code_is_stored_only_as_a_keyed_hash_and_matches_however_it_is_typed()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var codes = scope.ServiceProvider.GetRequiredService<InvitationCodes>();
        var (code, printed) = await codes.IssueAsync(1, 2, Now, TimeSpan.FromDays(30), "committee", TestContext.Current.CancellationToken);
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", printed);
        Assert.DoesNotContain(printed.Replace("-", ""), code.CodeHash);
        Assert.Equal(code.CodeHash, await codes.HashAsync(" " + printed.ToLowerInvariant().Replace("-", " ") + " ", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_leaked_hash_cannot_be_checked_without_the_server_key()
    {
        using var scope = fixture.Factory.Services.CreateScope();
        var codes = scope.ServiceProvider.GetRequiredService<InvitationCodes>();
        var (code, printed) = await codes.IssueAsync(1, 2, Now, TimeSpan.FromDays(30), "committee", TestContext.Current.CancellationToken);
        var normalised = InvitationCode.Normalise(printed);

        // An attacker with the table and the code scheme, but not the key: the old unsalted hash, or an HMAC under any
        // other key, does not reproduce the stored value, so guesses cannot be tested offline.
        Assert.NotEqual(InvitationCode.LegacyHash(normalised), code.CodeHash);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{InvitationCode.HashPurpose}:{normalised}"))), code.CodeHash);
        var otherKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(otherKey,
            System.Text.Encoding.UTF8.GetBytes($"{InvitationCode.HashPurpose}:{normalised}"))), code.CodeHash);

        // A server with a different code key does not recognise the code either.
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Register:CodeKey"] = "some-other-deployment-key" }).Build();
        var stranger = new CodeHasher(scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>(), config);
        Assert.False(await stranger.MatchesAsync(InvitationCode.HashPurpose, normalised, code.CodeHash, TestContext.Current.CancellationToken));
        Assert.True(await scope.ServiceProvider.GetRequiredService<CodeHasher>()
            .MatchesAsync(InvitationCode.HashPurpose, normalised, code.CodeHash, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_letter_printed_before_keyed_hashes_still_works_and_is_rehashed_on_first_use()
    {
        var ct = TestContext.Current.CancellationToken;
        var compound = await fixture.Factory.CreateCompoundAsync("LEG" + Guid.NewGuid().ToString("N")[..5], buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var plain = InvitationCode.NewPlain();
        var (old, printed) = InvitationCode.Issue(compound.Id, compound.Flats[0].Id, plain, InvitationCode.LegacyHash(plain),
            DateTimeOffset.UtcNow, TimeSpan.FromDays(1), "before-the-key");
        await fixture.Factory.WithDb(async db => { db.Add(old); await db.SaveChangesAsync(ct); });
        Assert.True(old.HasLegacyHash);

        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var codes = scope.ServiceProvider.GetRequiredService<InvitationCodes>();
            var found = await codes.FindAsync(printed.ToLowerInvariant(), ct);
            Assert.Equal(old.Id, found!.Id);
            await scope.ServiceProvider.GetRequiredService<PortalDb>().SaveChangesAsync(ct);
        }
        var stored = await fixture.Factory.WithDb(db => db.Set<InvitationCode>().AsNoTracking().SingleAsync(c => c.Id == old.Id, ct));
        Assert.False(stored.HasLegacyHash);
        Assert.NotEqual(InvitationCode.LegacyHash(plain), stored.CodeHash);
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            Assert.Equal(stored.CodeHash, await scope.ServiceProvider.GetRequiredService<InvitationCodes>().HashAsync(plain, ct));
            Assert.Equal(old.Id, (await scope.ServiceProvider.GetRequiredService<InvitationCodes>().FindAsync(printed, ct))!.Id);
        }
    }

    [Fact]
    public void A_code_works_once_and_not_after_it_expires_or_is_revoked()
    {
        var (code, _) = Issue(Now);
        Assert.False(code.IsUsable(Now.AddDays(30)));
        code.Redeem("user", Now.AddDays(1));
        Assert.Equal("invitation.used", Assert.Throws<DomainException>(() => code.Redeem("other", Now.AddDays(2))).Code);

        var (revoked, _) = Issue(Now);
        revoked.Revoke(Now);
        Assert.Equal("invitation.revoked", Assert.Throws<DomainException>(() => revoked.Redeem("user", Now)).Code);
        var (expired, _) = Issue(Now);
        Assert.Equal("invitation.expired", Assert.Throws<DomainException>(() => expired.Redeem("user", Now.AddDays(31))).Code);
    }

    [Fact]
    public async Task Two_claims_racing_for_one_code_cannot_both_succeed()
    {
        var compound = await fixture.Factory.CreateCompoundAsync("RACE", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var first = await fixture.Factory.CreateUserAsync("race-1@example.com");
        var second = await fixture.Factory.CreateUserAsync("race-2@example.com");
        var (issued, _) = InvitationCode.Issue(compound.Id, compound.Flats[0].Id, InvitationCode.NewPlain(), "race-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, TimeSpan.FromDays(1), "test");
        await fixture.Factory.WithDb(async db => { db.Add(issued); await db.SaveChangesAsync(TestContext.Current.CancellationToken); });

        using var scopeA = fixture.Factory.Services.CreateScope();
        using var scopeB = fixture.Factory.Services.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<PortalDb>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<PortalDb>();
        var codeA = await dbA.Set<InvitationCode>().SingleAsync(c => c.Id == issued.Id, TestContext.Current.CancellationToken);
        var codeB = await dbB.Set<InvitationCode>().SingleAsync(c => c.Id == issued.Id, TestContext.Current.CancellationToken);
        codeA.Redeem(first.Id, DateTimeOffset.UtcNow);
        codeB.Redeem(second.Id, DateTimeOffset.UtcNow);
        await dbA.SaveChangesAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync(TestContext.Current.CancellationToken));
    }
}
