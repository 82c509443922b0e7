namespace Portal.Tests.Infrastructure;

/// <summary>What the machine offers the tests; CI sets the REQUIRE flags so nothing is silently skipped there.</summary>
public static class TestEnvironment
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool BrowserRequired => Environment.GetEnvironmentVariable("PORTAL_REQUIRE_BROWSER") == "1";
    public static bool PostgresRequired => Environment.GetEnvironmentVariable("PORTAL_REQUIRE_POSTGRES") == "1";
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>Skips the test when Chromium is missing, or fails it when PORTAL_REQUIRE_BROWSER=1.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        if (BrowserRequired) Assert.Fail($"PORTAL_REQUIRE_BROWSER=1 but {ChromiumPath} is missing (apt-get install chromium)");
        Assert.Skip($"Chromium is not installed at {ChromiumPath}; set up with .ci/run or apt-get install chromium");
    }

    /// <summary>Returns the PostgreSQL connection string, or skips (fails with PORTAL_REQUIRE_POSTGRES=1) without one.</summary>
    public static string RequirePostgres()
    {
        if (PostgresConnectionString is { } cs) return cs;
        if (PostgresRequired) Assert.Fail("PORTAL_REQUIRE_POSTGRES=1 but PORTAL_TEST_POSTGRES is not set");
        Assert.Skip("PORTAL_TEST_POSTGRES is not set; .ci/run starts PostgreSQL and sets it");
        return "";
    }
}
