using AngleSharp.Dom;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Proposals;
using Portal.Domain.Residents;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Proposals;

/// <summary>Posting the real multipart proposal form, and quick ways to set up proposals for page tests.</summary>
public static class ProposalTestKit
{
    /// <summary>The bytes of a Windows executable, to be renamed "photo.jpg".</summary>
    public static readonly byte[] Executable = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0x40];

    /// <summary>GETs the new-proposal page, fills its form and posts it as multipart with <paramref name="photos"/>.</summary>
    public static async Task<HttpResponseMessage> ProposeAsync(this HttpClient client, string compoundCode, IDictionary<string, string> fields,
        params (string Name, byte[] Content)[] photos)
    {
        var page = await client.GetDocumentAsync($"/c/{compoundCode}/proposals/new");
        var form = page.QuerySelector<IHtmlFormElement>("#proposal-form")!;
        var content = new MultipartFormDataContent();
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
            values[input.Name!] = input.Value;
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select"))
            values[select.Name!] = select.Value ?? "";
        values["Input.Action"] = "publish";
        foreach (var (k, v) in fields) values[k] = v;
        foreach (var (k, v) in values) content.Add(new StringContent(v), k);
        foreach (var (name, bytes) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png") ? "image/png" : "image/jpeg");
            content.Add(file, "Photos", name);
        }
        return await client.PostAsync($"/c/{compoundCode}/proposals/new", content);
    }

    public static long IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    /// <summary>A published proposal made directly in the database.</summary>
    public static Task<Proposal> PublishedAsync(this PortalFactory factory, TestCompound compound, string authorId, string title = "加装路灯",
        Domain.Shared.Scope? scope = null, ProposalCategory category = ProposalCategory.Lighting, string description = "夜里太黑") =>
        factory.WithDb(async db =>
        {
            var p = new Proposal(compound.Id, authorId, title, description, category, scope ?? Domain.Shared.Scope.WholeCompound, null, null, DateTimeOffset.UtcNow);
            p.Publish(DateTimeOffset.UtcNow, authorId);
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });

    public static Task<Proposal> ProposalAsync(this PortalFactory factory, long id) =>
        factory.WithDb(db => db.Set<Proposal>().AsNoTracking().Include(p => p.Timeline).Include(p => p.Photos).SingleAsync(p => p.Id == id));

    /// <summary>Posts the form of the button <paramref name="buttonId"/> on the proposal page.</summary>
    public static async Task<HttpResponseMessage> PressAsync(this HttpClient client, string url, string buttonId, IDictionary<string, string>? fields = null)
    {
        var page = await client.GetDocumentAsync(url);
        var button = page.QuerySelector($"#{buttonId}") ?? throw new InvalidOperationException($"no #{buttonId} on {url}");
        var form = button.Closest("form")!;
        if (string.IsNullOrEmpty(form.Id)) form.Id = "form-" + buttonId;
        return await client.SubmitFormAsync(page, fields ?? new Dictionary<string, string>(), "#" + form.Id, "#" + buttonId);
    }

    public static async Task<(string UserId, HttpClient Client)[]> NeighboursAsync(this PortalFactory factory, TestCompound compound, params string[] flats)
    {
        var list = new List<(string, HttpClient)>();
        foreach (var flat in flats) list.Add(await factory.ResidentAsync(compound, compound.Flat(flat), ResidentRelation.Family));
        return [.. list];
    }
}
