using Portal.Data;
using Portal.Domain.Funding;
using Portal.Files;

namespace Portal.Features.Funding;

/// <summary>The treasurer records a cash or bank-transfer payment against a pledge, with an optional receipt image.</summary>
public sealed class RecordOfflinePayment(PortalDb db, ProjectLedger ledger, FileStore files, TimeProvider clock)
{
    /// <summary>The payment, its ledger entry and the receipt are saved together. Throws <see cref="UploadRefusedException"/> for a bad receipt.</summary>
    public async Task<OfflinePayment> RecordAsync(Pledge pledge, long amountFen, DateOnly paidOn, string reference, IFormFile? receipt,
        string recordedBy, CancellationToken ct = default)
    {
        await LateJoining.EnsurePayableAsync(db, pledge, ct);
        Guid? receiptId = null;
        if (receipt is { Length: > 0 })
            receiptId = (await files.AddAsync(receipt, UploadRule.Photo, pledge.CompoundId, FileOwnerKinds.Receipt, recordedBy, ct)).Id;
        var now = clock.GetUtcNow();
        pledge.RecordPayment(amountFen, now);
        var payment = new OfflinePayment(pledge.Id, amountFen, paidOn, reference, receiptId, recordedBy, now);
        db.Add(payment);
        await ledger.AddHouseholdPaymentAsync(pledge, amountFen, $"offline:{reference}", recordedBy, ct);
        await db.SaveChangesAsync(ct);
        return payment;
    }
}
