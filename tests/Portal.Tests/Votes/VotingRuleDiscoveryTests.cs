using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Residents;
using Portal.Domain.Votes;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>A voting rule is one class and its texts: every rule in the assembly is offered everywhere a rule is chosen.</summary>
public sealed class VotingRuleDiscoveryTests(VotesFixture fixture) : IClassFixture<VotesFixture>
{
    private static readonly IReadOnlyList<Type> RuleClasses = typeof(IVotingRule).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IVotingRule).IsAssignableFrom(t)).ToList();

    [Fact]
    public void Every_rule_class_is_a_kind_with_its_own_code_and_stored_number()
    {
        Assert.Equal(RuleClasses.OrderBy(t => t.Name), VoteRuleKind.All.Select(k => k.Type).OrderBy(t => t.Name));
        Assert.Equal(VoteRuleKind.All.Count, VoteRuleKind.All.Select(k => k.Code).Distinct().Count());
        Assert.Equal(VoteRuleKind.All.Count, VoteRuleKind.All.Select(k => k.StoredAs).Distinct().Count());
        // The numbers matters already store keep their meaning.
        Assert.Equal(0, VoteRuleKind.Of<CivilCodeOrdinary>().StoredAs);
        Assert.Equal(1, VoteRuleKind.Of<CivilCodeMajor>().StoredAs);
        Assert.Equal(2, VoteRuleKind.Of<SimpleMajority>().StoredAs);
        Assert.Equal(3, VoteRuleKind.Of<CustomRule>().StoredAs);
        var lines = new RuleLines(Fraction.AtLeastTwoThirds, Fraction.AtLeastTwoThirds, Fraction.MoreThanHalf, Fraction.MoreThanHalf);
        foreach (var kind in VoteRuleKind.All)
        {
            var rule = kind.Create(kind.TakesLines ? lines : null);
            Assert.IsType(kind.Type, rule);
            Assert.Same(kind, rule.Kind);
            var matter = new Matter(1, 1, "事项", rule);
            Assert.Same(kind, matter.RuleKind());
            Assert.IsType(kind.Type, matter.VotingRule());
        }
    }

    [Fact]
    public void Every_rule_is_read_from_its_code_as_create_vote_reads_rule()
    {
        foreach (var type in RuleClasses)
        {
            var kind = VoteRuleKind.Of(type);
            Assert.True(VoteRuleKind.TryParse(kind.Code, out var parsed), kind.Code);
            Assert.Same(kind, parsed);
            Assert.True(VoteRuleKind.TryParse(" " + kind.Code.ToUpperInvariant() + " ", out parsed));
            Assert.Same(kind, parsed);
        }
        Assert.False(VoteRuleKind.TryParse("unanimous", out _));
    }

    [Fact]
    public void Every_rule_has_its_name_and_help_in_chinese_and_english()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Features", "Votes");
        foreach (var file in new[] { "VotesText.resx", "VotesText.en.resx" })
        {
            var keys = XDocument.Load(Path.Combine(folder, file)).Root!.Elements("data")
                .ToDictionary(e => (string)e.Attribute("name")!, e => (string?)e.Element("value") ?? "");
            foreach (var kind in RuleClasses.Select(VoteRuleKind.Of))
            {
                Assert.False(string.IsNullOrWhiteSpace(keys.GetValueOrDefault(kind.TextKey)), $"{file}: {kind.TextKey}");
                Assert.False(string.IsNullOrWhiteSpace(keys.GetValueOrDefault(kind.HelpKey)), $"{file}: {kind.HelpKey}");
            }
        }
    }

    [Fact]
    public async Task The_new_vote_form_offers_every_rule_under_its_code()
    {
        var factory = fixture.Factory;
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RUL"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        await factory.RelaxVoteRulesAsync(c);
        var (_, committee) = await factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var form = await committee.GetDocumentAsync($"/c/{c.Code}/votes/new");
        var offered = form.QuerySelectorAll("#Input_Rule option").Select(o => (Value: o.GetAttribute("value"), Text: o.TextContent.Trim())).ToList();
        Assert.Equal(RuleClasses.Select(t => VoteRuleKind.Of(t).Code).Order(), offered.Select(o => o.Value!).Order());
        Assert.All(offered, o => Assert.False(string.IsNullOrWhiteSpace(o.Text)));
        Assert.DoesNotContain(offered, o => o.Text.StartsWith("Rule_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_vote_form_builds_a_committee_set_rule_from_its_lines_and_refuses_an_unknown_rule()
    {
        var factory = fixture.Factory;
        var c = await factory.CreateCompoundAsync(VotesTestKit.NewCode("RUC"), buildings: 1, entrances: 1, floors: 1, flatsPerFloor: 1);
        await factory.RelaxVoteRulesAsync(c);
        var (_, committee) = await factory.RoleHolderAsync(c, CompoundRoleKind.Committee);
        var url = $"/c/{c.Code}/votes/new";

        var unknown = await committee.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Title"] = "规则", ["Input.Rule"] = "unanimous" }, "#new-vote-form");
        Assert.Equal(System.Net.HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("请选择表决规则", (await FormClient.ParseAsync(unknown)).Body!.TextContent);

        var badLine = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Title"] = "自定义", ["Input.Rule"] = VoteRuleKind.Of<CustomRule>().Code, ["Input.ApprovalOwners"] = "3/5",
        }, "#new-vote-form");
        Assert.Equal(System.Net.HttpStatusCode.OK, badLine.StatusCode);
        Assert.Contains("格式应为", (await FormClient.ParseAsync(badLine)).Body!.TextContent);

        var created = await committee.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Title"] = "自定义", ["Input.Rule"] = VoteRuleKind.Of<CustomRule>().Code,
            ["Input.QuorumArea"] = ">=1/2", ["Input.QuorumOwners"] = ">1/2", ["Input.ApprovalArea"] = ">=3/5", ["Input.ApprovalOwners"] = ">3/5",
        }, "#new-vote-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        var voteId = long.Parse(created.Headers.Location!.ToString().Split('/').Last());
        var matters = await factory.Scoped(sp => sp.GetRequiredService<Portal.Features.Votes.VoteCounter>().MattersAsync(voteId));
        var rule = Assert.IsType<CustomRule>(Assert.Single(matters).Rule);
        Assert.Equal(new RuleLines(new Fraction(1, 2, true), new Fraction(1, 2, false), new Fraction(3, 5, true), new Fraction(3, 5, false)), rule.Lines);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test binaries");
    }
}
