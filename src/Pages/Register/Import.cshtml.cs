using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;
using Portal.Domain.Register;
using Portal.Domain.Residents;

using Portal.Features.Register;

namespace Portal.Pages.Register;

/// <summary>
/// Upload → preview → confirm. The uploaded file waits in the database between preview and confirmation (so any
/// server may take the confirmation), under a random token bound to the compound; it is parsed and planned again when applied.
/// </summary>
[Requires(Capability.ManageRegister)]
public class RegisterImportModel(RegisterImporter importer, PendingUploads pending, IStringLocalizer<RegisterText> t) : CompoundPageModel
{
    public const long MaxBytes = 20 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Token { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public bool ConfirmRemovals { get; set; }

    public List<string> Errors { get; } = [];
    public RegisterPlan? Plan { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Errors.Add(t["Import_NoFile"]);
            return Page();
        }
        if (Upload.Length > MaxBytes)
        {
            Errors.Add(t["Import_TooLarge"]);
            return Page();
        }
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            await Upload.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        FileName = Path.GetFileName(Upload.FileName);
        var file = RegisterParser.Parse(bytes, FileName);
        if (!file.IsValid)
        {
            Errors.AddRange(file.Errors.Select(Describe));
            return Page();
        }
        Token = (await pending.StageAsync(Compound.Id, FileName, bytes, CurrentUserId!, ct)).ToString("N");
        Plan = await importer.PlanAsync(Compound, file, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var upload = Guid.TryParseExact(Token, "N", out var token) ? await pending.FindAsync(Compound.Id, token, ct) : null;
        if (upload is null)
        {
            Errors.Add(t["Import_Expired"]);
            return Page();
        }
        FileName = upload.FileName;
        var file = RegisterParser.Parse(upload.Content, FileName);
        if (!file.IsValid)
        {
            Errors.AddRange(file.Errors.Select(Describe));
            return Page();
        }
        var plan = await importer.PlanAsync(Compound, file, ct);
        if (!await importer.ApplyAsync(Compound, plan, CurrentUserId!, FileName ?? "upload", ConfirmRemovals, ct))
        {
            Plan = plan;
            Errors.Add(t["Import_ConfirmNeeded"]);
            return Page();
        }
        await pending.DiscardAsync(token, ct);
        TempData["Flash"] = t["Import_Done", file.Flats, file.Owners].Value;
        return RedirectToPage("Index", new { compound = Compound.Code });
    }

    /// <summary>第N行: what is wrong, in the reader's language.</summary>
    private string Describe(RegisterError e)
    {
        var text = t[$"RegisterError_{e.Code}", e.Args.Cast<object>().ToArray()];
        return t["Import_Line", e.Line, text.ResourceNotFound ? e.Message : text.Value];
    }
}
