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

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
