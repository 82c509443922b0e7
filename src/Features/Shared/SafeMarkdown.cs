using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace Portal.Features.Shared;

/// <summary>
/// The one way text that residents, committees and property managers write (proposals, notices) becomes HTML:
/// Markdig with raw HTML turned off, then HtmlSanitizer. Bold, lists, tables and links survive; scripts, event handlers,
/// <c>javascript:</c> links, <c>style</c> and images do not. Photos are uploaded and cleaned separately, and an image
/// from elsewhere would let its host see who reads the page.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .Build();

    public static string ToHtml(string markdown) => NewSanitizer().Sanitize(Markdown.ToHtml(markdown, Pipeline));

    /// <summary>The words without any markup, e.g. for an email summary.</summary>
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline);

    // HtmlSanitizer is not documented as thread-safe, so each render gets its own.
    private static HtmlSanitizer NewSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("picture");
        sanitizer.AllowedTags.Remove("source");
        sanitizer.AllowedTags.Remove("video");
        sanitizer.AllowedTags.Remove("audio");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedAttributes.Remove("background");
        sanitizer.PostProcessNode += (_, e) =>
        {
            // noreferrer as well: the linked site need not learn which proposal or notice a resident came from.
            if (e.Node is IHtmlAnchorElement a) a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
