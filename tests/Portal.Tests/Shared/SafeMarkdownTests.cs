using AngleSharp.Html.Parser;
using Portal.Features.Shared;

namespace Portal.Tests.Shared;

public sealed class SafeMarkdownTests
{
    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string markdown) => new HtmlParser().ParseDocument(SafeMarkdown.ToHtml(markdown));

    [Fact]
    public void Bold_lists_tables_and_links_are_kept()
    {
        var doc = Parse("**停水**通知\n\n- 1号楼\n- 2号楼\n\n| 楼栋 | 时间 |\n|---|---|\n| 1 | 上午 |\n\n[街道通知](https://example.org/notice)");
        Assert.Equal("停水", doc.QuerySelector("strong")!.TextContent);
        Assert.Equal(["1号楼", "2号楼"], doc.QuerySelectorAll("ul li").Select(li => li.TextContent));
        Assert.Equal("上午", doc.QuerySelector("table td:last-child")!.TextContent);
        var link = doc.QuerySelector("a")!;
        Assert.Equal("https://example.org/notice", link.GetAttribute("href"));
        Assert.Equal("街道通知", link.TextContent);
    }

    [Fact]
    public void Links_tell_the_browser_not_to_pass_on_the_page_or_its_ranking()
    {
        var rel = Parse("见 https://example.org 和 [这里](https://example.org/a)").QuerySelectorAll("a").Select(a => a.GetAttribute("rel")!.Split(' ')).ToList();
        Assert.Equal(2, rel.Count);
        Assert.All(rel, r => Assert.Superset(new HashSet<string> { "nofollow", "noopener" }, r.ToHashSet()));
    }

    [Fact]
    public void Scripts_and_event_handlers_are_removed_whether_written_as_html_or_smuggled_in()
    {
        var html = SafeMarkdown.ToHtml("<script>alert(1)</script>\n\n<b onmouseover=\"alert(2)\">x</b>\n\n<svg onload=alert(3)>");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.Null(new HtmlParser().ParseDocument(html).QuerySelector("[onmouseover], [onload], script, svg"));
    }

    [Fact]
    public void A_javascript_link_loses_its_address()
    {
        var doc = Parse("[点我](javascript:alert(1)) [也点我](JaVaScRiPt:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=)");
        Assert.Equal(["点我", "也点我", "数据"], doc.QuerySelectorAll("a").Select(a => a.TextContent));
        Assert.All(doc.QuerySelectorAll("a"), a => Assert.Null(a.GetAttribute("href")));
        Assert.DoesNotContain("javascript:", doc.Body!.InnerHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_image_is_shown_not_even_a_remote_one_a_reader_would_load()
    {
        var doc = Parse("![跟踪](https://tracker.example/pixel.png)\n\n![本站](/files/abc.jpg)\n\n<img src=\"https://tracker.example/p.gif\">");
        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.Null(doc.QuerySelector("[src]"));
    }

    [Fact]
    public void No_element_keeps_a_style_attribute()
    {
        var doc = Parse("# 标题 {style=\"position:fixed;top:0\"}\n\n段落 <span style=\"color:red\">红</span>\n\n<div style=\"position:fixed\">盖住页面</div>");
        Assert.Equal("标题 {style=\"position:fixed;top:0\"}", doc.QuerySelector("h1")!.TextContent);
        Assert.Null(doc.QuerySelector("[style], span, div"));
    }

    [Fact]
    public void Plain_text_has_no_markup()
    {
        Assert.Equal("停水 通知", SafeMarkdown.ToPlainText("**停水** 通知").Trim());
    }
}
