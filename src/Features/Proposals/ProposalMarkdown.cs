using Ganss.Xss;
using Markdig;

namespace Portal.Features.Proposals;

/// <summary>Renders a resident's Markdown as safe HTML: raw HTML is escaped by Markdig, then the result is sanitised.</summary>
public static class ProposalMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Build();

    public static string ToSafeHtml(string markdown)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // Photos are uploaded and cleaned separately; an image from elsewhere would let its host track readers.
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer.Sanitize(html);
    }
}
