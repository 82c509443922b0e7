using System.Text.RegularExpressions;

namespace Portal.Features.Shared;

/// <summary>The line of text a shared link's card shows (Open Graph description): the start of a text, without markup.</summary>
public static partial class ShareCard
{
    public const int ExcerptLength = 80;

    public static string? Excerpt(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        var text = Whitespace().Replace(Markup().Replace(markdown, ""), " ").Trim();
        if (text.Length == 0) return null;
        return text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
    }

    [GeneratedRegex(@"[*_#>`\[\]]|\]\([^)]*\)|!\[|\(https?://[^)]*\)")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
