using System.Text.Json;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Votes;

/// <summary>create-vote, import-ballots, tally and verify-audit run as real processes against their own SQLite file.</summary>
public sealed class VoteCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-votes-ops", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _env;

    public VoteCommandTests()
    {
        Directory.CreateDirectory(_folder);
        _env = new() { ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(_folder, "portal.db")}" };
    }

    private Task<PortalProcess.Result> Run(params string[] args) => PortalProcess.RunAsync(_folder, _env, args);

    [Fact]
    public async Task Committee_tools_create_a_vote_import_paper_ballots_tally_and_verify()
    {
        Assert.Equal(0, (await Run("seed-demo")).ExitCode);
        Assert.Equal(0, (await Run("compound-rules", "--compound", "xfhy", "--notice-days", "0")).ExitCode); // the vote opens at once
        var created = await Run("create-vote", "--compound", "xfhy", "--title", "2号楼1单元加装电梯", "--rule", "civil-code-major",
            "--scope", "entrance:2/1", "--closes", "2030-01-01T20:00:00+08:00");
        Assert.Equal(0, created.ExitCode);
        var voteId = created.Stdout.Trim().Split('\n').Last().Trim();
        Assert.Matches("^[0-9]+$", voteId);

        var bad = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "building,entrance,room,choice\n2,1,301,同意\n2,1,302,反对\n1,1,101,agree\n", TestContext.Current.CancellationToken);
        var refused = await Run("import-ballots", "--vote", voteId, "--file", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("line 3: flat 2-1-302 and flat 2-1-301 (line 2) belong to one owner but have different choices", refused.Stderr);
        Assert.Contains("line 4: flat 1-1-101 is outside the vote's scope", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);

        var good = Path.Combine(_folder, "good.csv");
        await File.WriteAllTextAsync(good, "building,entrance,room,choice\n2,1,101,agree\n2,1,102,同意\n2,1,201,弃权\n2,1,301,oppose\n2,1,302,oppose\n", TestContext.Current.CancellationToken);
        var imported = await Run("import-ballots", "--vote", voteId, "--file", good);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("4 ballots recorded", imported.Stdout);

        var tally = await Run("tally", "--vote", voteId, "--json");
        Assert.Equal(0, tally.ExitCode);
        using var json = JsonDocument.Parse(tally.Stdout);
        var matter = json.RootElement.GetProperty("matters")[0];
        Assert.Equal("open", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("entrance:2/1", json.RootElement.GetProperty("scope").GetString());
        Assert.Equal(11, matter.GetProperty("eligible").GetProperty("owners").GetInt32()); // 12 flats, one owner holds two
        Assert.Equal(4, matter.GetProperty("participated").GetProperty("owners").GetInt32());
        Assert.Equal(2, matter.GetProperty("agree").GetProperty("owners").GetInt32());
        Assert.False(matter.GetProperty("quorum_met").GetBoolean());
        Assert.False(matter.GetProperty("passed").GetBoolean());

        var verified = await Run("verify-audit", "--vote", voteId);
        Assert.Equal(0, verified.ExitCode);
        Assert.EndsWith("ok", verified.Stdout.Trim());

        Assert.Equal(2, (await Run("create-vote", "--compound", "XFHY", "--title", "x", "--rule", "unanimous")).ExitCode);
        Assert.Equal(1, (await Run("tally", "--vote", "999999")).ExitCode);
    }

    [Fact]
    public async Task Compound_rules_are_set_and_printed_and_create_vote_refuses_a_vote_against_them_with_one_line()
    {
        Assert.Equal(0, (await Run("seed-demo")).ExitCode);
        Assert.Equal(0, (await Run("create-compound", "--code", "SJY", "--name", "双井园")).ExitCode);
        Assert.Equal(2, (await Run("compound-rules", "--compound", "XFHY", "--notice-days", "ten")).ExitCode);

        var shown = await Run("compound-rules", "--compound", "sjy");
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("notice-days: 15 (compound), 7 (building or entrance)", shown.Stdout);
        Assert.Contains("min-voting-days: 7", shown.Stdout);
        Assert.Contains("counting-days: 3", shown.Stdout);
        Assert.Contains("precedence: online-prevails", shown.Stdout);
        Assert.Contains("hide-split-until-close: true", shown.Stdout);

        var set = await Run("compound-rules", "--compound", "xfhy", "--notice-days", "10", "--min-voting-days", "8", "--objection-days", "9",
            "--counting-days", "2", "--precedence", "latest-wins", "--hide-split-until-close", "false");
        Assert.Equal(0, set.ExitCode);
        foreach (var line in new[] { "notice-days: 10", "min-voting-days: 8", "objection-days: 9", "counting-days: 2", "precedence: latest-wins", "hide-split-until-close: false" })
            Assert.Contains(line, set.Stdout);
        Assert.Contains("notice-days: 10", (await Run("compound-rules", "--compound", "xfhy")).Stdout); // kept

        Assert.Equal(2, (await Run("compound-rules", "--compound", "xfhy", "--precedence", "paper-wins")).ExitCode);
        var outOfRange = await Run("compound-rules", "--compound", "xfhy", "--counting-days", "500");
        Assert.Equal(1, outOfRange.ExitCode);
        Assert.Single(outOfRange.Stderr.Trim().Split('\n'));
        Assert.Equal(1, (await Run("compound-rules", "--compound", "nope")).ExitCode);

        var now = DateTimeOffset.UtcNow;
        var tooSoon = await Run("create-vote", "--compound", "xfhy", "--title", "加装电梯", "--rule", "civil-code-major", "--scope", "entrance:2/1",
            "--opens", now.AddDays(3).ToString("O"), "--closes", now.AddDays(30).ToString("O"));
        Assert.Equal(1, tooSoon.ExitCode);
        Assert.Equal("error: The vote must be announced at least 10 days before it opens.", tooSoon.Stderr.Trim());
        var tooShort = await Run("create-vote", "--compound", "xfhy", "--title", "加装电梯", "--rule", "civil-code-major", "--scope", "entrance:2/1",
            "--opens", now.AddDays(11).ToString("O"), "--closes", now.AddDays(18).ToString("O"));
        Assert.Equal(1, tooShort.ExitCode);
        Assert.Equal("error: A vote must run at least 8 days.", tooShort.Stderr.Trim());
        var ok = await Run("create-vote", "--compound", "xfhy", "--title", "加装电梯", "--rule", "civil-code-major", "--scope", "entrance:2/1",
            "--opens", now.AddDays(11).ToString("O"), "--closes", now.AddDays(20).ToString("O"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("draft", ok.Stdout);
    }

    [Fact]
    public async Task Close_vote_closes_a_due_vote_exactly_once_and_refuses_one_not_yet_due()
    {
        Assert.Equal(0, (await Run("seed-demo")).ExitCode);
        Assert.Equal(0, (await Run("compound-rules", "--compound", "xfhy", "--notice-days", "0", "--min-voting-days", "0", "--objection-days", "0")).ExitCode);
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(60); // each run starts the app: allow for a slow machine
        var created = await Run("create-vote", "--compound", "xfhy", "--title", "加装电梯", "--rule", "civil-code-major", "--scope", "entrance:2/1",
            "--closes", closesAt.ToString("O"));
        Assert.Equal(0, created.ExitCode);
        var voteId = created.Stdout.Trim().Split('\n').Last().Trim();

        var early = await Run("close-vote", "--vote", voteId);
        if (DateTimeOffset.UtcNow < closesAt)
        {
            Assert.Equal(1, early.ExitCode);
            Assert.StartsWith($"error: vote {voteId} is not due to close until", early.Stderr.Trim());
            Assert.Single(early.Stderr.Trim().Split('\n'));
            await Task.Delay(closesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
        var first = early.ExitCode == 0 ? early : await Run("close-vote", "--vote", voteId);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"vote {voteId} closed", first.Stdout);
        var second = await Run("close-vote", "--vote", voteId);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing changed", second.Stdout);
        Assert.Equal(0, (await Run("verify-audit", "--vote", voteId)).ExitCode);
        Assert.Equal(1, (await Run("close-vote", "--vote", "999999")).ExitCode);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
