using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data;

namespace Portal.Features.Shared;

/// <summary>
/// Keyed hashes (HMAC-SHA256) for short secrets the portal must recognise but never keep in clear: SMS codes,
/// invitation and paper codes. The key is `Register:CodeKey` when configured; otherwise a random key made at first
/// start and kept in the database (table ServerSecrets), protected with the DataProtection key ring, so every web
/// server of one deployment hashes alike.
/// </summary>
public sealed class CodeHasher(IServiceScopeFactory scopes, IConfiguration config)
{
    private const string SecretName = "CodeHasher";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="purpose"/> + ":" + <paramref name="value"/>.</summary>
    public async Task<string> HashAsync(string purpose, string value, CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}:{value}"));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether <paramref name="value"/> hashes to <paramref name="hash"/>, compared in constant time.</summary>
    public async Task<bool> MatchesAsync(string purpose, string value, string hash, CancellationToken ct = default)
    {
        var computed = await HashAsync(purpose, value, ct);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await _gate.WaitAsync(ct);
        try
        {
            if (_key is not null) return _key;
            var configured = config["Register:CodeKey"];
            _key = !string.IsNullOrWhiteSpace(configured) ? Encoding.UTF8.GetBytes(configured) : await StoredKeyAsync(ct);
            return _key;
        }
        finally { _gate.Release(); }
    }

    private async Task<byte[]> StoredKeyAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Portal.CodeHasher.Key");
        var stored = await db.Set<ServerSecret>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, ct);
        if (stored is not null) return protector.Unprotect(Convert.FromBase64String(stored.ProtectedValue));

        var fresh = RandomNumberGenerator.GetBytes(32);
        db.Add(new ServerSecret(SecretName, Convert.ToBase64String(protector.Protect(fresh))));
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh;
        }
        catch (DbUpdateException)
        {
            // Another server made the key first: use theirs.
            db.ChangeTracker.Clear();
            var theirs = await db.Set<ServerSecret>().AsNoTracking().FirstAsync(s => s.Name == SecretName, ct);
            return protector.Unprotect(Convert.FromBase64String(theirs.ProtectedValue));
        }
    }
}

/// <summary>A secret the server made for itself, stored protected by the DataProtection key ring.</summary>
public class ServerSecret
{
    private ServerSecret() { }
    public ServerSecret(string name, string protectedValue)
    {
        Name = name;
        ProtectedValue = protectedValue;
    }

    public string Name { get; private set; } = "";
    public string ProtectedValue { get; private set; } = "";
}

public sealed class ServerSecretConfiguration : IEntityTypeConfiguration<ServerSecret>
{
    public void Configure(EntityTypeBuilder<ServerSecret> e)
    {
        e.ToTable("ServerSecrets");
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.ProtectedValue).HasMaxLength(2000);
    }
}
