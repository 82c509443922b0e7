using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

public sealed class InvitationCodeTests(PortalFactoryFixture fixture) : IClassFixture<PortalFactoryFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_code_is_stored_only_as_a_hash_and_matches_however_it_is_typed()
    {
        var (code, plain) = InvitationCode.Issue(1, 2, Now, TimeSpan.FromDays(30), "committee");
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", plain);
        Assert.DoesNotContain(plain.Replace("-", ""), code.CodeHash);
        Assert.Equal(code.CodeHash, InvitationCode.Hash(" " + plain.ToLowerInvariant().Replace("-", " ") + " "));
    }

    [Fact]
    public void A_code_works_once_and_not_after_it_expires_or_is_revoked()
    {
        var (code, _) = InvitationCode.Issue(1, 2, Now, TimeSpan.FromDays(30), "committee");
        Assert.False(code.IsUsable(Now.AddDays(30)));
        code.Redeem("user", Now.AddDays(1));
        Assert.Equal("invitation.used", Assert.Throws<DomainException>(() => code.Redeem("other", Now.AddDays(2))).Code);

        var (revoked, _) = InvitationCode.Issue(1, 2, Now, TimeSpan.FromDays(30), "committee");
        revoked.Revoke(Now);
        Assert.Equal("invitation.revoked", Assert.Throws<DomainException>(() => revoked.Redeem("user", Now)).Code);
        var (expired, _) = InvitationCode.Issue(1, 2, Now, TimeSpan.FromDays(30), "committee");
        Assert.Equal("invitation.expired", Assert.Throws<DomainException>(() => expired.Redeem("user", Now.AddDays(31))).Code);
    }

    [Fact]
    public async Task Two_claims_racing_for_one_code_cannot_both_succeed()
    {
        var compound = await fixture.Factory.CreateCompoundAsync("RACE", buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        var first = await fixture.Factory.CreateUserAsync("race-1@example.com");
        var second = await fixture.Factory.CreateUserAsync("race-2@example.com");
        var (issued, _) = InvitationCode.Issue(compound.Id, compound.Flats[0].Id, DateTimeOffset.UtcNow, TimeSpan.FromDays(1), "test");
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
