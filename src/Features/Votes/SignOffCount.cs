using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Residents;
using Portal.Domain.Shared;
using Portal.Domain.Votes;
using Portal.Features.Accounts;
using Portal.Features.Shared;
using Portal.Files;
using Portal.Notifications;

namespace Portal.Features.Votes;

/// <summary>
/// The committee names the vote's scrutineers (监票人/计票人): at least two accounts of the compound (residents linked
/// to a flat, or role holders), preferably owners who are not committee members. The list can change until the first
/// sign-off; naming is logged.
/// </summary>
public sealed class NameScrutineers(PortalDb db, TimeProvider clock, VoteAuditLog audit)
{
    public async Task RunAsync(long voteId, long compoundId, IReadOnlyCollection<string> userIds, string byUserId, CancellationToken ct = default)
    {
        var ids = userIds.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).Distinct().ToList();
        if (ids.Count < VoteScrutineer.Minimum)
            throw new DomainException("count.too_few_scrutineers", "Name at least two scrutineers.");
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        if (vote.Status is not (VoteStatus.Draft or VoteStatus.Open or VoteStatus.Counting) || vote.CountedAt is not null)
            throw new DomainException("count.already_signed", "The count has been signed off; the scrutineers cannot change.");
        var linked = await db.Set<ResidentLink>().Where(l => l.CompoundId == compoundId && l.UnlinkedAt == null && ids.Contains(l.UserId))
            .Select(l => l.UserId).ToListAsync(ct);
        var roles = await db.Set<CompoundRole>().Where(r => r.CompoundId == compoundId && ids.Contains(r.UserId)).Select(r => r.UserId).ToListAsync(ct);
        if (ids.Except(linked).Except(roles).Any())
            throw new DomainException("count.scrutineer_not_in_compound", "A scrutineer must have an account in this compound.");
        var names = await db.Set<PortalUser>().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var existing = await db.Set<VoteScrutineer>().Where(s => s.VoteId == voteId).ToListAsync(ct);
            if (existing.Any(s => s.SignedAt is not null))
                throw new DomainException("count.already_signed", "The count has been signed off; the scrutineers cannot change.");
            db.RemoveRange(existing);
            await db.SaveChangesAsync(ct);
            var now = clock.GetUtcNow();
            var named = ids.Select(id => new VoteScrutineer(voteId, id, names.GetValueOrDefault(id, id), byUserId, now)).ToList();
            db.AddRange(named);
            await audit.AppendAsync(voteId, AuditActions.ScrutineersNamed, byUserId,
                new { scrutineers = named.Select(s => new[] { s.UserId, s.Name }).ToArray() }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }
}

/// <summary>
/// After the counting window each scrutineer signs off the count (once: a second sign-off changes nothing; someone
/// who is not a scrutineer is refused). Alternatively the committee keeps a photo of the paper count signed by the
/// scrutineers. When every scrutineer has signed, or the photo is kept, the preliminary result (初步结果公示) is
/// published and the objection period starts. Each sign-off, with the count signed, is in the audit chain.
/// </summary>
public sealed class SignOffCount(PortalDb db, TimeProvider clock, VoteCounter counter, VoteAuditLog audit, VoteNotifications notifications,
    FileStore files)
{
    /// <summary>True when this sign-off counted; false when the scrutineer had already signed.</summary>
    public async Task<bool> RunAsync(long voteId, long compoundId, string userId, CancellationToken ct = default)
    {
        await db.VoteInCompoundAsync(voteId, compoundId, ct);
        return await RetryOnConflict.RunAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await audit.QueueWritersAsync(voteId, ct);
            var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
            var scrutineers = await db.Set<VoteScrutineer>().Where(s => s.VoteId == voteId).ToListAsync(ct);
            var me = scrutineers.FirstOrDefault(s => s.UserId == userId)
                     ?? throw new DomainException("count.not_scrutineer", "Only the vote's scrutineers can sign off the count.");
            if (me.SignedAt is not null) return false;
            var now = clock.GetUtcNow();
            CheckSignable(vote, now);
            me.Sign(now);
            var results = await counter.TallyAsync(voteId, ct);
            await audit.AppendAsync(voteId, AuditActions.CountSignedOff, userId,
                new { scrutineer = me.Name, tally = VoteAuditLog.Summary(results) }, ct);
            if (scrutineers.Count >= VoteScrutineer.Minimum && scrutineers.All(s => s.SignedAt is not null))
                await PublishAsync(vote, now, null, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>The committee keeps the photo of the paper count signed by the scrutineers instead of their sign-offs in the portal.</summary>
    public async Task KeepSignedSheetAsync(long voteId, long compoundId, IFormFile photo, string byUserId, CancellationToken ct = default)
    {
        var vote = await db.VoteInCompoundAsync(voteId, compoundId, ct);
        CheckSignable(vote, clock.GetUtcNow());
        if (await db.Set<VoteScrutineer>().CountAsync(s => s.VoteId == voteId, ct) < VoteScrutineer.Minimum)
            throw new DomainException("count.too_few_scrutineers", "Name at least two scrutineers.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.QueueWritersAsync(voteId, ct);
        var stored = await files.AddAsync(photo, UploadRule.PhotoOrPdf, compoundId, FileOwnerKinds.CountSheet, byUserId, ct);
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        var results = await counter.TallyAsync(voteId, ct);
        await audit.AppendAsync(voteId, AuditActions.CountSheetKept, byUserId,
            new { file = stored.Id, sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Content)),
                  tally = VoteAuditLog.Summary(results) }, ct);
        await PublishAsync(vote, now, stored.Id, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static void CheckSignable(Vote vote, DateTimeOffset now)
    {
        if (vote.Status != VoteStatus.Counting || vote.CountedAt is not null)
            throw new DomainException("count.not_counting", "The count can be signed off only while the vote is being counted.");
        if (!vote.CountingWindowOverAt(now))
            throw new DomainException("count.window_running", "The count is signed off after the counting period.");
    }

    private async Task PublishAsync(Vote vote, DateTimeOffset now, Guid? sheet, CancellationToken ct)
    {
        vote.SignOff(now, sheet);
        vote.PublishPreliminary(now);
        await audit.AppendAsync(vote.Id, AuditActions.PublishPreliminary, "system",
            new { round = vote.PreliminaryRound, objection_deadline = vote.ObjectionDeadline!.Value.UtcTicks }, ct);
        await notifications.RaiseAsync(NotificationKind.VotePreliminaryResult, vote, Audience.OwnersIn(vote.Scope),
            new Dictionary<string, string> { ["objection_deadline"] = Shanghai.Format(vote.ObjectionDeadline!.Value) }, "/result", ct);
    }
}
