using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Features.Accounts;

namespace Portal.Pages.Account;

/// <summary>我的信息: what the portal holds about the signed-in person, the same as a JSON download, and closing the account.</summary>
[Authorize]
public class MyDataModel(PersonalDataQuery query, CloseAccount closeAccount, SignInManager<PortalUser> signIn,
    IStringLocalizer<AccountText> t) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public PersonalData Data { get; private set; } = null!;

    [BindProperty] public bool ConfirmClose { get; set; }

    private string UserId => CompoundAccess.UserId(User)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : Challenge();

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Challenge();
        return File(JsonSerializer.SerializeToUtf8Bytes(Data, Json), "application/json", "my-data.json");
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Challenge();
        if (!ConfirmClose)
        {
            ModelState.AddModelError(nameof(ConfirmClose), t["MyData_ConfirmRequired"]);
            return Page();
        }
        await closeAccount.RunAsync(UserId, ct);
        await signIn.SignOutAsync();
        TempData["Flash"] = t["MyData_Closed"].Value;
        return Redirect("/");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var data = await query.ForAsync(UserId, ct);
        if (data is null) return false;
        Data = data;
        return true;
    }
}
