using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Funding;
using Portal.Domain.Notices;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Features.Notices;

namespace Portal.Files;

/// <summary>What a stored file belongs to (<see cref="StoredFile.Purpose"/>): every kind of owner object has a read rule.</summary>
public static class FileOwnerKinds
{
    public const string Notice = "notice";
    public const string ProposalPhoto = "proposal-photo";
    public const string ConstructionUpdate = "construction-update";
    public const string ProblemReport = "problem-report";
    public const string Acceptance = "acceptance";
    public const string Invoice = "funding-invoice";
    public const string Receipt = "funding-receipt";
    public const string CountSheet = "vote-count-sheet";
    public const string Certificate = "property-certificate";
    public const string ConsentForm = "assisted-sign-up-consent";
    public const string PlanDocument = "plan-document";
}

/// <summary>Who asks for a file: what they may do in the file's compound, and their account (null when signed out).</summary>
public sealed record FileReader(Membership Membership, string? UserId);

/// <summary>
/// The read rule of the object a stored file belongs to (OWASP ASVS V4.2.1): serving a file asks the owner object,
/// not only the compound. One rule per <see cref="StoredFile.Purpose"/>; a file whose purpose has no rule, or whose owner
/// object cannot be found, is served to nobody but the platform admin (fail closed).
/// </summary>
public interface IFileReadRule
{
    string Purpose { get; }
    Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct);

    /// <summary>
    /// The rule alone decides, also for a reader who may not view the compound yet (an owner whose link request waits
    /// for the committee reads the consent form signed for them). Otherwise a reader must first be able to view it.
    /// </summary>
    bool DecidesOutsideCompound => false;
}

/// <summary>A notice attachment is readable by exactly those who may read its notice (reach, publication window).</summary>
public sealed class NoticeFileRule(PortalDb db, TimeProvider clock) : IFileReadRule
{
    public string Purpose => FileOwnerKinds.Notice;

    public async Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct)
    {
        var noticeIds = await db.Set<NoticeAttachment>().AsNoTracking().Where(a => a.StoredFileId == file.Id).Select(a => a.NoticeId).ToListAsync(ct);
        var notices = await db.Set<Notice>().AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return notices.Any(n => reader.Membership.MayRead(n, now));
    }
}

/// <summary>A property-certificate photo sent with an owner's link request: the committee that decides it and its sender.</summary>
public sealed class CertificateFileRule : IFileReadRule
{
    public string Purpose => FileOwnerKinds.Certificate;

    public Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct) =>
        Task.FromResult(reader.Membership.Can(Capability.VerifyResidents) || (reader.UserId is not null && file.UploadedBy == reader.UserId));
}

/// <summary>
/// The signed consent form of an assisted sign-up (楼门长代办): the register keepers who decide the owner's request, the
/// helper who took the photo, and the owner it is about.
/// </summary>
public sealed class ConsentFormFileRule(PortalDb db) : IFileReadRule
{
    public string Purpose => FileOwnerKinds.ConsentForm;

    public bool DecidesOutsideCompound => true;

    public async Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct)
    {
        if (reader.Membership.Can(Capability.VerifyResidents)) return true;
        if (reader.UserId is null) return false;
        return await db.Set<AssistedSignUp>().AnyAsync(a => a.ConsentFileId == file.Id
            && (a.OwnerUserId == reader.UserId || a.AssistedByUserId == reader.UserId), ct);
    }
}

/// <summary>A proposal's photo: as its page, everyone in the compound once published; only the author while a draft.</summary>
public sealed class ProposalPhotoRule(PortalDb db) : IFileReadRule
{
    public string Purpose => FileOwnerKinds.ProposalPhoto;

    public async Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.Photos.Any(ph => ph.StoredFileId == file.Id))
            .Select(p => new { p.Status, p.AuthorId })
            .FirstOrDefaultAsync(ct);
        return proposal is not null && (proposal.Status != ProposalStatus.Draft || proposal.AuthorId == reader.UserId);
    }
}

/// <summary>
/// Files shown on pages every member of the compound reads (the project page's construction updates, problem reports and
/// acceptance documents, the ledger's invoices, the signed count sheet of a vote): readable when the owner object exists.
/// </summary>
public sealed class CompoundRecordFileRule(string purpose, Func<PortalDb, Guid, CancellationToken, Task<bool>> ownerExists, PortalDb db) : IFileReadRule
{
    public string Purpose => purpose;

    public async Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct) =>
        reader.Membership.Can(Capability.ViewCompound) && await ownerExists(db, file.Id, ct);

    public static IServiceCollection AddAll(IServiceCollection services)
    {
        void Add(string purpose, Func<PortalDb, Guid, CancellationToken, Task<bool>> exists) =>
            services.AddScoped<IFileReadRule>(sp => new CompoundRecordFileRule(purpose, exists, sp.GetRequiredService<PortalDb>()));
        Add(FileOwnerKinds.ConstructionUpdate, (db, id, ct) => db.Set<ConstructionUpdatePhoto>().AnyAsync(p => p.StoredFileId == id, ct));
        Add(FileOwnerKinds.ProblemReport, (db, id, ct) => db.Set<ProblemReportPhoto>().AnyAsync(p => p.StoredFileId == id, ct));
        Add(FileOwnerKinds.Acceptance, (db, id, ct) => db.Set<AcceptanceDocument>().AnyAsync(d => d.StoredFileId == id, ct));
        Add(FileOwnerKinds.Invoice, (db, id, ct) => db.Set<Expense>().AnyAsync(e => e.InvoiceFileId == id, ct));
        Add(FileOwnerKinds.PlanDocument, (db, id, ct) => db.Set<PlanVersionDocument>().AnyAsync(d => d.StoredFileId == id, ct));
        Add(FileOwnerKinds.CountSheet, (db, id, ct) => db.Set<Vote>().AnyAsync(v => v.CountSheetFileId == id, ct));
        return services;
    }
}

/// <summary>The receipt of an offline payment: the household that paid and those who keep the ledger, nobody else.</summary>
public sealed class ReceiptFileRule(PortalDb db) : IFileReadRule
{
    public string Purpose => FileOwnerKinds.Receipt;

    public async Task<bool> MayReadAsync(StoredFile file, FileReader reader, CancellationToken ct)
    {
        var payer = await (from payment in db.Set<OfflinePayment>().AsNoTracking()
                           join pledge in db.Set<Pledge>().AsNoTracking() on payment.PledgeId equals pledge.Id
                           where payment.ReceiptFileId == file.Id
                           select pledge.UserId).FirstOrDefaultAsync(ct);
        if (payer is null) return false;
        return reader.Membership.Can(Capability.ManageFunding) || payer == reader.UserId;
    }
}
