using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Features.Shared;

namespace Portal.Features.Register;

/// <summary>Which flats a print run is for: empty parts mean all (a building, an entrance, one room).</summary>
public sealed record LetterSelection(string? Building, string? Entrance, string? Room)
{
    /// <summary>The selected flats of the compound in print order, with their labels.</summary>
    public async Task<List<(Flat Flat, string Label)>> FlatsAsync(PortalDb db, long compoundId, CancellationToken ct)
    {
        var query = from f in db.Set<Flat>()
                    join b in db.Set<Building>() on f.BuildingId equals b.Id
                    join e in db.Set<Entrance>() on f.EntranceId equals e.Id
                    where f.CompoundId == compoundId
                    select new { f, Building = b.Name, Entrance = e.Name };
        if (!string.IsNullOrWhiteSpace(Building)) query = query.Where(x => x.Building == Building.Trim());
        if (!string.IsNullOrWhiteSpace(Entrance)) query = query.Where(x => x.Entrance == Entrance.Trim());
        if (!string.IsNullOrWhiteSpace(Room)) query = query.Where(x => x.f.Room == Room.Trim());
        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(x => x.Building.Length).ThenBy(x => x.Building, StringComparer.Ordinal)
            .ThenBy(x => x.Entrance, StringComparer.Ordinal).ThenBy(x => x.f.Floor).ThenBy(x => x.f.Room, StringComparer.Ordinal)
            .Select(x => (x.f, FlatLabel.Of(x.Building, x.Entrance, x.f.Room))).ToList();
    }
}

/// <summary>One printed letter: the flat, its plain code (shown this once) and until when it is valid.</summary>
public sealed record IssuedLetter(string Flat, string Code, DateTimeOffset ExpiresAt);

/// <summary>What a print run selected and issued; nothing is issued when it selected more than one run may hold.</summary>
public sealed record LetterRun(int Selected, IReadOnlyList<IssuedLetter> Letters)
{
    public bool TooMany => Selected > IssueLetters.MaxAtOnce;
}

/// <summary>
/// The committee issues invitation letters: a one-time code per selected flat without a usable one ("new"), or a fresh
/// code for every selected flat, revoking the old (reissue a lost letter). Codes are stored hashed.
/// </summary>
public sealed class IssueLetters(PortalDb db, InvitationCodes codes, TimeProvider clock, IOptions<RegisterOptions> options)
{
    /// <summary>One print run is one building's worth; a city programme prints building by building.</summary>
    public const int MaxAtOnce = 2_000;

    public async Task<LetterRun> IssueAsync(long compoundId, LetterSelection selection, bool reissue, string by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var flats = await selection.FlatsAsync(db, compoundId, ct);
        if (flats.Count > MaxAtOnce) return new LetterRun(flats.Count, []);
        var ids = flats.Select(f => f.Flat.Id).ToList();
        var usable = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == compoundId && ids.Contains(c.FlatId) && c.UsedAt == null && c.RevokedAt == null && c.ExpiresAt > now)
            .ToListAsync(ct);
        if (reissue) usable.ForEach(c => c.Revoke(now));
        var skip = reissue ? [] : usable.Select(c => c.FlatId).ToHashSet();
        var letters = new List<IssuedLetter>();
        foreach (var (flat, label) in flats.Where(f => !skip.Contains(f.Flat.Id)))
        {
            var (code, plain) = await codes.IssueAsync(compoundId, flat.Id, now, TimeSpan.FromDays(options.Value.InvitationValidDays), by, ct);
            db.Add(code);
            letters.Add(new IssuedLetter(label, plain, code.ExpiresAt));
        }
        await db.SaveChangesAsync(ct);
        return new LetterRun(flats.Count, letters);
    }
}

/// <summary>The committee revokes the unused codes of the selected flats (letters lost or sent to the wrong door).</summary>
public sealed class RevokeLetters(PortalDb db, TimeProvider clock)
{
    /// <summary>Returns how many codes were revoked.</summary>
    public async Task<int> RevokeAsync(long compoundId, LetterSelection selection, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var ids = (await selection.FlatsAsync(db, compoundId, ct)).Select(f => f.Flat.Id).ToList();
        var usable = await db.Set<InvitationCode>()
            .Where(c => c.CompoundId == compoundId && ids.Contains(c.FlatId) && c.UsedAt == null && c.RevokedAt == null)
            .ToListAsync(ct);
        usable.ForEach(c => c.Revoke(now));
        await db.SaveChangesAsync(ct);
        return usable.Count;
    }
}
