using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Infrastructure;

/// <summary>Reads pages with AngleSharp and posts their real forms (antiforgery token included).</summary>
public static class FormClient
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Context.OpenAsync(r => r.Content(response.Content.ReadAsStream()).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>
    /// GETs <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> (the first with method post
    /// when null) with <paramref name="fields"/>, and posts it with the button named by <paramref name="submitName"/> if given.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields,
        string? formSelector = null, string? submitSelector = null)
    {
        var page = await client.GetDocumentAsync(url);
        return await client.SubmitFormAsync(page, fields, formSelector, submitSelector);
    }

    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IDocument page, IDictionary<string, string> fields,
        string? formSelector = null, string? submitSelector = null)
    {
        var form = (formSelector is null
                       ? page.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && f.Action.EndsWith(new Uri(page.Url).AbsolutePath, StringComparison.OrdinalIgnoreCase))
                         ?? page.QuerySelectorAll<IHtmlFormElement>("main form").FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
                       : page.QuerySelector<IHtmlFormElement>(formSelector))
                   ?? throw new InvalidOperationException($"no form '{formSelector}' on {page.Url}");

        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "submit" or "button" or "file") break;
                    if (input.Type is "checkbox" or "radio") { if (input.IsChecked) values.Add(new(input.Name!, input.Value)); }
                    else values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (key, value) in fields)
        {
            values.RemoveAll(v => v.Key == key);
            values.Add(new(key, value));
        }

        var action = form.GetAttribute("action");
        if (submitSelector is not null && page.QuerySelector(submitSelector) is IHtmlButtonElement button)
        {
            if (!string.IsNullOrEmpty(button.Name)) values.Add(new(button.Name!, button.Value));
            if (button.GetAttribute("formaction") is { } formAction) action = formAction;
        }
        var target = string.IsNullOrEmpty(action) ? new Uri(page.Url).PathAndQuery : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
