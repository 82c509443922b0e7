using Portal.Domain.Funding;
using System.Xml.Linq;
using Portal.Domain.Projects;
using Portal.Domain.Proposals;

namespace Portal.Tests.Proposals;

/// <summary>Labels built from enum names (T[$"Status_{s}"]) exist, so no page ever shows a raw key.</summary>
public sealed class ProposalLabelTests
{
    private static HashSet<string> Keys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Portal.sln"))) dir = dir.Parent;
        return XDocument.Load(Path.Combine(dir.FullName, "src", "Features", "Proposals", file)).Root!.Elements("data")
            .Select(e => (string)e.Attribute("name")!).ToHashSet();
    }

    [Theory]
    [InlineData("ProposalsText.resx")]
    [InlineData("ProposalsText.en.resx")]
    public void Every_status_category_cost_sharing_and_plan_label_exists(string file)
    {
        var keys = Keys(file);
        var expected = Enum.GetNames<ProposalStatus>().Select(n => $"Status_{n}")
            .Concat(Enum.GetNames<ProposalCategory>().Select(n => $"Category_{n}"))
            .Concat(Enum.GetNames<CostSharingMethod>().Select(n => $"CostSharing_{n}"))
            .Concat(Enum.GetNames<PlanCategory>().SelectMany(n => new[] { $"PlanCategory_{n}", $"PlanCategory_{n}_Hint" }))
            .Concat(Enum.GetNames<PlanItemStatus>().Select(n => $"PlanStatus_{n}"))
            .Concat(new[] { "vote", "passed", "failed" }.Select(s => $"Step_{s}"))
            .Concat(new[] { "Supported", "ReachedThreshold", "AlreadySupported", "NotAllowed", "Withdrawn", "NotWithdrawable" }.Select(s => $"Support_{s}"));
        Assert.All(expected, k => Assert.Contains(k, keys));
    }

    [Fact]
    public void Every_domain_error_code_of_proposals_comments_and_plan_items_has_a_message()
    {
        var keys = Keys("ProposalsText.resx");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "Portal.sln"))) root = root.Parent;
        // Proposals and the plan item they become; the projects feature labels its own construction-time errors.
        var sources = Directory.GetFiles(Path.Combine(root.FullName, "src/Domain/Proposals"), "*.cs")
            .Append(Path.Combine(root.FullName, "src/Domain/Projects/PlanItem.cs"))
            .Select(File.ReadAllText);
        var codes = sources.SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, @"DomainException\(""([a-z_.]+)""").Select(m => m.Groups[1].Value)).Distinct();
        Assert.All(codes, c => Assert.Contains("Error_" + c.Replace('.', '_'), keys));
    }
}
