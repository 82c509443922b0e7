using System.Reflection;

namespace Portal.Ops;

/// <summary>Runs ops commands in the portal's own executable, without starting the web server.</summary>
public static class OpsCommandLine
{
    /// <summary>The command name if the first argument is one (not an option such as --urls).</summary>
    public static string? CommandIn(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;

    /// <summary>Commands print their own results on stdout; logs go to stderr, warnings and worse only.</summary>
    public static void QuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
    }

    public static IServiceCollection AddOpsCommands(this IServiceCollection services)
    {
        foreach (var type in typeof(OpsCommandLine).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOpsCommand).IsAssignableFrom(t)))
            services.AddTransient(typeof(IOpsCommand), type);
        return services;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var commands = services.GetServices<IOpsCommand>().OrderBy(c => c.Name).ToList();
        var name = args[0];
        if (name is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage(commands));
            return 0;
        }

        var command = commands.FirstOrDefault(c => c.Name == name);
        if (command is null)
        {
            stderr.WriteLine($"error: unknown command '{name}'");
            stderr.WriteLine(Usage(commands));
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            var parsed = OpsArgs.Parse(args[1..], command);
            using var scope = services.CreateScope();
            return await command.RunAsync(parsed, scope.ServiceProvider, stdout, stderr, cts.Token);
        }
        catch (OpsUsageException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            stderr.WriteLine($"usage: {command.Name} {command.Arguments}");
            return 2;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An operator gets one line, never a stack trace.
            var inner = ex.GetBaseException();
            stderr.WriteLine($"error: {name} failed: {inner.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Migrates (and seeds the demo when asked) before serving. A failure is one clear line on stderr and exit code 1,
    /// not a stack trace: the usual causes are an unreachable database or a file made by another version.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(IServiceProvider services, bool seedDemo)
    {
        try
        {
            await StartupLock.RunAsync(services, async () =>
            {
                await Data.DatabaseSetup.MigrateAsync(services);
                if (seedDemo) await DemoSeed.RunAsync(services);
            });
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"error: the database could not be prepared: {ex.GetBaseException().Message}");
            Console.Error.WriteLine("check ConnectionStrings:Portal and Database:Provider (see README.md)");
            return false;
        }
    }

    public static string Usage(IEnumerable<IOpsCommand> commands)
    {
        var lines = new List<string> { "usage: dotnet run -- <command> [options]   (published: dotnet Portal.dll <command>)", "commands:" };
        lines.Add("  help".PadRight(34) + "show this list");
        foreach (var c in commands)
            lines.Add($"  {c.Name} {c.Arguments}".PadRight(34) + c.Summary);
        lines.Add($"  {RoundRobinProxy.Command} [--urls URL] NODE_URL...".PadRight(34) + "a round-robin proxy in front of local web nodes (deploy/run-nodes.sh; not for production)");
        return string.Join(Environment.NewLine, lines);
    }
}
