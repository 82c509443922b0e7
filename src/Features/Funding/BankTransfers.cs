using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>The committee sets the supervised account (共管账户) households transfer their pledge to.</summary>
public sealed class SetTransferAccount(PortalDb db)
{
    public async Task SetAsync(Campaign campaign, string? name, string? bank, string? number, CancellationToken ct = default)
    {
        campaign.SetTransferAccount(TransferAccount.Create(name, bank, number));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// The treasurer imports the supervised account's bank statement. Each line of money in is matched to a pledge by the
/// transfer reference in its memo and by amount: an exact match pays the pledge (a ledger credit); a reference with
/// the wrong amount is listed as partial and an unknown memo as unmatched, both left for matching by hand; a line
/// imported before (same bank transaction id, or same date, amount, memo and counterparty) is a duplicate and changes
/// nothing, so re-importing a statement changes nothing. A bad line refuses the whole file.
/// </summary>
public sealed class ImportBankStatement(PortalDb db, ProjectLedger ledger, CampaignClosing closing, TimeProvider clock,
    IStringLocalizer<FundingText> t, ILogger<ImportBankStatement> log)
{
    public sealed record Result(long? StatementId, IReadOnlyList<string> Errors, IReadOnlyDictionary<StatementLineOutcome, int> Counts)
    {
        public bool Refused => Errors.Count > 0;
        public int Count(StatementLineOutcome outcome) => Counts.GetValueOrDefault(outcome);
    }

    public async Task<Result> ImportAsync(long compoundId, byte[] bytes, string? fileName, string byUserId, CancellationToken ct = default)
    {
        var (rows, errors) = BankStatementFile.Read(bytes, fileName, t);
        if (errors.Count > 0) return new Result(null, errors, new Dictionary<StatementLineOutcome, int>());

        var now = clock.GetUtcNow();
        var paidCampaigns = new HashSet<long>();
        BankStatement statement;
        List<BankStatementLine> lines;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            statement = new BankStatement(compoundId, string.IsNullOrWhiteSpace(fileName) ? "statement" : fileName, byUserId, now);
            db.Add(statement);
            await db.SaveChangesAsync(ct);
            lines = rows.Select(r => new BankStatementLine(compoundId, r.Line, r.TransactionId, r.BookedOn, r.AmountFen, r.Memo, r.Counterparty)).ToList();

            var ids = lines.Where(l => l.BankTransactionId is not null).Select(l => l.BankTransactionId!).Distinct().ToList();
            var prints = lines.Select(l => l.Fingerprint).Distinct().ToList();
            var earlierById = await db.Set<BankStatementLine>()
                .Where(l => l.CompoundId == compoundId && l.ClaimedTransactionId != null && ids.Contains(l.ClaimedTransactionId))
                .ToDictionaryAsync(l => l.ClaimedTransactionId!, l => l.Id, ct);
            var earlierByPrint = await db.Set<BankStatementLine>()
                .Where(l => l.CompoundId == compoundId && l.ClaimedFingerprint != null && prints.Contains(l.ClaimedFingerprint))
                .ToDictionaryAsync(l => l.ClaimedFingerprint!, l => l.Id, ct);
            var pledges = await db.Set<Pledge>().Where(p => p.CompoundId == compoundId && p.TransferReference != null).ToListAsync(ct);
            var byReference = pledges.ToDictionary(p => p.TransferReference!);
            // Running-cost bills (运行维护费) are paid into the same account with their own codes.
            var charges = await db.Set<RunningCostCharge>().Where(c => c.CompoundId == compoundId && c.TransferReference != null).ToListAsync(ct);
            var chargeByReference = charges.ToDictionary(c => c.TransferReference!);
            var codes = byReference.Keys.Concat(chargeByReference.Keys).ToList();

            var inFileById = new Dictionary<string, BankStatementLine>();
            var inFileByPrint = new Dictionary<string, BankStatementLine>();
            var duplicatesInFile = new List<(BankStatementLine Line, BankStatementLine Original)>();
            foreach (var line in lines)
            {
                line.AttachTo(statement);
                db.Add(line);
                if (line.BankTransactionId is { } id && earlierById.TryGetValue(id, out var earlier) || earlierByPrint.TryGetValue(line.Fingerprint, out earlier))
                {
                    line.MarkDuplicateOf(earlier);
                    continue;
                }
                if (line.BankTransactionId is { } id2 && inFileById.TryGetValue(id2, out var original) || inFileByPrint.TryGetValue(line.Fingerprint, out original))
                {
                    line.MarkDuplicateOf(null);
                    duplicatesInFile.Add((line, original));
                    continue;
                }
                line.Claim();
                if (line.BankTransactionId is not null) inFileById[line.BankTransactionId] = line;
                inFileByPrint[line.Fingerprint] = line;
                if (line.Outcome == StatementLineOutcome.Outgoing) continue;

                var found = TransferReference.FoundIn(line.Memo, codes);
                if (found.Count != 1) continue; // no code, or two: a person decides
                if (chargeByReference.TryGetValue(found[0], out var charge))
                {
                    // Exactly what the bill still owes pays it; anything else stays unmatched for the treasurer.
                    if (charge.OwedFen > 0 && line.AmountFen == charge.OwedFen)
                    {
                        await RecordRunningCostPayment.PayAsync(db, ledger, charge, line.AmountFen, RunningCostPaymentChannel.BankTransfer, line.BookedOn,
                            $"bank:{line.BankTransactionId ?? $"{statement.Id}-{line.LineNumber}"}", null, byUserId, now, ct);
                        line.MarkMatchedToCharge(charge.Id, byUserId, now);
                    }
                    continue;
                }
                var pledge = byReference[found[0]];
                if (pledge.Status is PledgeStatus.Pledged or PledgeStatus.ActionNeeded && pledge.OwedFen > 0 && line.AmountFen == pledge.OwedFen
                    && !await LateJoining.IsClosedForAsync(db, pledge, ct))
                {
                    await PayAsync(pledge, line, byUserId, now, ct);
                    paidCampaigns.Add(pledge.CampaignId);
                }
                else line.MarkPartial(pledge.Id);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                foreach (var (line, original) in duplicatesInFile) line.MarkDuplicateOf(original.Id);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                // Another import booked one of these transactions (or paid one of these pledges) at the same moment.
                log.LogInformation(ex, "A bank statement import collided with another");
                throw new DomainException("statement.busy", "Another import changed the same lines; import the file again.");
            }
        }
        foreach (var campaignId in paidCampaigns) await closing.SucceedIfPaidAsync(campaignId, ct);
        return new Result(statement.Id, [], lines.GroupBy(l => l.Outcome).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>The line's money pays the pledge: a payment record, a ledger credit; the caller saves.</summary>
    internal static async Task PayWithLineAsync(PortalDb db, ProjectLedger ledger, Pledge pledge, BankStatementLine line, string byUserId,
        DateTimeOffset now, bool acceptExcess, CancellationToken ct)
    {
        await LateJoining.EnsurePayableAsync(db, pledge, ct);
        pledge.RecordPayment(line.AmountFen, now, acceptExcess);
        var reference = line.BankTransactionId ?? $"{line.StatementId}-{line.LineNumber}";
        db.Add(new OfflinePayment(pledge.Id, line.AmountFen, line.BookedOn, $"bank:{reference}", null, byUserId, now));
        await ledger.AddHouseholdPaymentAsync(pledge, line.AmountFen, $"bank:{reference}", byUserId, ct);
    }

    private async Task PayAsync(Pledge pledge, BankStatementLine line, string byUserId, DateTimeOffset now, CancellationToken ct)
    {
        await PayWithLineAsync(db, ledger, pledge, line, byUserId, now, acceptExcess: false, ct);
        line.MarkMatched(pledge.Id, byUserId, now);
    }
}

/// <summary>
/// The treasurer decides whose money a partial or unmatched statement line is. The whole amount is credited to that
/// pledge (it is in the account); anything beyond what was pledged is shown as due back and refunded with
/// <see cref="RecordRefund"/>. Who matched it and when is kept on the line.
/// </summary>
public sealed class MatchStatementLine(PortalDb db, ProjectLedger ledger, CampaignClosing closing, TimeProvider clock, ILogger<MatchStatementLine> log)
{
    public async Task MatchAsync(long compoundId, long lineId, long pledgeId, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        long campaignId;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var line = await db.Set<BankStatementLine>().FirstOrDefaultAsync(l => l.Id == lineId && l.CompoundId == compoundId, ct)
                ?? throw new DomainException("statement.no_line", "There is no such statement line.");
            var pledge = await db.Set<Pledge>().FirstOrDefaultAsync(p => p.Id == pledgeId && p.CompoundId == compoundId, ct)
                ?? throw new DomainException("statement.no_pledge", "There is no such pledge in this compound.");
            line.MatchByHand(pledge.Id, byUserId, now);
            await ImportBankStatement.PayWithLineAsync(db, ledger, pledge, line, byUserId, now, acceptExcess: true, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                log.LogInformation(ex, "Pledge {Pledge} moved while line {Line} was matched", pledgeId, lineId);
                throw new DomainException("statement.busy", "The pledge changed meanwhile; try again.");
            }
            log.LogInformation("Statement line {Line} matched by hand to pledge {Pledge} by {User}", lineId, pledgeId, byUserId);
            campaignId = pledge.CampaignId;
        }
        await closing.SucceedIfPaidAsync(campaignId, ct);
    }

    /// <summary>The treasurer decides a partial or unmatched line paid a running-cost charge; never more than the charge still owes.</summary>
    public async Task MatchToChargeAsync(long compoundId, long lineId, long chargeId, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var line = await db.Set<BankStatementLine>().FirstOrDefaultAsync(l => l.Id == lineId && l.CompoundId == compoundId, ct)
            ?? throw new DomainException("statement.no_line", "There is no such statement line.");
        var charge = await db.Set<RunningCostCharge>().FirstOrDefaultAsync(c => c.Id == chargeId && c.CompoundId == compoundId, ct)
            ?? throw new DomainException("running_cost.no_charge", "There is no such running-cost charge.");
        line.MatchChargeByHand(charge.Id, byUserId, now);
        await RecordRunningCostPayment.PayAsync(db, ledger, charge, line.AmountFen, RunningCostPaymentChannel.BankTransfer, line.BookedOn,
            $"bank:{line.BankTransactionId ?? $"{line.StatementId}-{line.LineNumber}"}", null, byUserId, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            log.LogInformation(ex, "Charge {Charge} moved while line {Line} was matched", chargeId, lineId);
            throw new DomainException("statement.busy", "The bill changed meanwhile; try again.");
        }
        log.LogInformation("Statement line {Line} matched by hand to running-cost charge {Charge} by {User}", lineId, chargeId, byUserId);
    }
}
