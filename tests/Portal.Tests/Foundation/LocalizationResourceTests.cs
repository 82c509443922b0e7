using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Portal.Tests.Foundation;

/// <summary>Every user-facing string goes through resx, in both languages.</summary>
public sealed partial class LocalizationResourceTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test binaries");
        }
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(e => (string)e.Attribute("name")!, e => (string?)e.Element("value") ?? "");

    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "src"), "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
            data.Add(Path.GetRelativePath(Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Chinese_and_english_resources_have_the_same_keys_and_no_empty_text(string neutral)
    {
        var zh = Read(Path.Combine(Root, neutral));
        var english = Path.Combine(Root, neutral[..^".resx".Length] + ".en.resx");
        Assert.True(File.Exists(english), $"{neutral} has no .en.resx");
        var en = Read(english);
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        Assert.Empty(en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void Pages_hold_no_chinese_literals()
    {
        var offenders = Directory.GetFiles(Path.Combine(Root, "src", "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => Cjk().IsMatch(x.line) && !x.line.TrimStart().StartsWith("@*", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(Root, x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0, "Chinese text hard-coded in pages: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_localizer_key_used_in_the_source_exists()
    {
        var keys = Directory.GetFiles(Path.Combine(Root, "src"), "*.resx", SearchOption.AllDirectories)
            .SelectMany(f => Read(f).Keys).ToHashSet();
        var missing = Directory.GetFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => LocalizerKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Key: m.Groups[1].Value)))
            .Where(x => !keys.Contains(x.Key))
            .Select(x => $"{x.File}: {x.Key}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Localizer keys without a resource: " + string.Join(", ", missing));
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Cjk();

    // T["Key"], S["Key"], t["Key"], s["Key"], and the annotation keys ErrorMessage = "Key", Name = "Key".
    [GeneratedRegex(@"(?:\b[TSts]\[""|ErrorMessage = ""|Display\(Name = "")([A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+)""")]
    private static partial Regex LocalizerKey();
}
