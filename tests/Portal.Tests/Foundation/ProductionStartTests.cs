using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

/// <summary>The built app started as its own process in Production, on a SQLite path where nothing exists yet.</summary>
public sealed class ProductionStartTests
{
    [Fact]
    public async Task In_production_on_an_empty_path_it_creates_its_schema_answers_in_chinese_and_keeps_jobs_closed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-prod", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "nested", "portal.db");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={database}";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var home = (await Eventually.Until<HttpResponseMessage?>(async () =>
            {
                try { return await http.GetAsync("/"); }
                catch (HttpRequestException) { return null; }
            }, h => h is not null, "the app started in Production to answer on /", TimeSpan.FromSeconds(180)))!;
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("小区居民议事平台", await home.Content.ReadAsStringAsync());
            Assert.True(File.Exists(database));

            var jobs = await http.GetAsync("/admin/jobs");
            Assert.Equal(HttpStatusCode.Redirect, jobs.StatusCode);
            Assert.StartsWith("/account/login", jobs.Headers.Location!.AbsolutePath);

            // No demo in Production unless asked.
            var demo = await http.GetAsync("/c/XFHY");
            Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
