using Portal.Tests.Infrastructure;

namespace Portal.Tests.Register;

/// <summary>create-compound and import-register, run as a real process against its own SQLite file.</summary>
public sealed class RegisterCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "portal-ops", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _env;

    public RegisterCommandTests()
    {
        Directory.CreateDirectory(_folder);
        _env = new() { ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(_folder, "portal.db")}" };
    }

    private Task<PortalProcess.Result> Run(params string[] args) => PortalProcess.RunAsync(_folder, _env, args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_committee_creates_a_compound_and_imports_its_register_from_the_command_line()
    {
        var created = await Run("create-compound", "--code", "xfhy2", "--name", "幸福花园二期", "--city", "唐山市", "--district", "路北区");
        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Contains("XFHY2", created.Stdout);

        var good = Write("good.csv", "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,72.5,O1,王秀英,\n1,1,1,102,60.25,O1,王秀英,\n2,1,1,101,50,O2,李明,\n");
        var dry = await Run("import-register", "--compound", "XFHY2", "--file", good, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Stderr);
        Assert.Contains("dry run", dry.Stdout);

        var r = await Run("import-register", "--compound", "XFHY2", "--file", good);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("buildings: 2  flats: 3  owners of record: 2  total area: 182.75 m²", r.Stdout);
        Assert.Contains("register imported", r.Stdout);

        var again = await Run("import-register", "--compound", "XFHY2", "--file", good, "--dry-run");
        Assert.Contains("changes: flats +0 ~0 -0", again.Stdout);
    }

    [Fact]
    public async Task A_bad_file_is_refused_whole_with_line_numbers_and_exit_one()
    {
        await Run("create-compound", "--code", "BAD", "--name", "坏文件小区");
        var bad = Write("bad.csv", "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,72.5,O1,王秀英,\n1,1,1,101,-1,,李明,\n");
        var r = await Run("import-register", "--compound", "BAD", "--file", bad);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("line 3: flat 1-1-101 is already on line 2", r.Stderr);
        Assert.Contains("line 3: owner_key is empty", r.Stderr);
        Assert.Contains("line 3: area_m2 '-1'", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);

        var dry = await Run("import-register", "--compound", "BAD", "--file", Write("ok.csv", "building,entrance,floor,room,area_m2,owner_key,owner_name,phone\n1,1,1,101,72.5,O1,王秀英,\n"), "--dry-run");
        Assert.Contains("flats +1", dry.Stdout); // nothing of the bad file stayed
    }

    [Theory]
    [InlineData(new[] { "import-register", "--compound", "NONE", "--file", "/no/such/file.csv" }, "no such file")]
    [InlineData(new[] { "import-register", "--file", "x.csv" }, "--compound is required")]
    [InlineData(new[] { "create-compound", "--code", "bad code!", "--name", "x" }, "is not a compound code")]
    public async Task Bad_arguments_exit_two(string[] args, string message)
    {
        var r = await Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
