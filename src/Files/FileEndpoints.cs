using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Features.Accounts;
using Portal.Data;
using Portal.Domain.Register;
using Portal.Domain.Residents;
using Portal.Files;

namespace Portal.Files;

public static class FileEndpoints
{
    public static IServiceCollection AddPortalFiles(this IServiceCollection services) => services
        .AddScoped<FileStore>()
        .AddScoped<IFileReadRule, NoticeFileRule>()
        .AddScoped<IFileReadRule, CertificateFileRule>()
        .AddScoped<IFileReadRule, ConsentFormFileRule>()
        .AddScoped<IFileReadRule, ProposalPhotoRule>()
        .AddScoped<IFileReadRule, ReceiptFileRule>()
        .AddCompoundRecordFileRules();

    private static IServiceCollection AddCompoundRecordFileRules(this IServiceCollection services) => CompoundRecordFileRule.AddAll(services);

    /// <summary>
    /// GET /files/{id}: a stored file, for those who may view its compound and who may read its owner object
    /// (<see cref="IFileReadRule"/>, one per kind); otherwise 404, as the object's own page answers. A file of a kind
    /// without a rule is served to the platform admin only (platform files: any signed-in user).
    /// </summary>
    public static void MapPortalFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/files/{id:guid}", async (Guid id, HttpContext http, PortalDb db, CompoundAccess access, IEnumerable<IFileReadRule> rules, CancellationToken ct) =>
        {
            if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
            var file = await db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
            if (file is null) return Results.NotFound();
            if (file.CompoundId is { } compoundId)
            {
                var compound = await db.Set<Compound>().AsNoTracking().FirstAsync(c => c.Id == compoundId, ct);
                var membership = await access.MembershipAsync(http.User, compound, ct);
                var rule = rules.FirstOrDefault(r => r.Purpose == file.Purpose);
                if (!membership.Can(Capability.ViewCompound) && rule is not { DecidesOutsideCompound: true }) return Results.Forbid();
                var reader = new FileReader(membership, http.User.FindFirstValue(ClaimTypes.NameIdentifier));
                var mayRead = rule is null ? membership.IsPlatformAdmin : await rule.MayReadAsync(file, reader, ct);
                if (!mayRead) return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "private, max-age=86400";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            var inline = file.ContentType.StartsWith("image/", StringComparison.Ordinal) || file.ContentType == "application/pdf";
            return Results.File(file.Content, file.ContentType, inline ? null : file.FileName);
        });
}
