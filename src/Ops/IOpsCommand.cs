namespace Portal.Ops;

/// <summary>One ops command (`dotnet run -- NAME ...`). Implementations are found in the assembly.</summary>
public interface IOpsCommand
{
    string Name { get; }
    /// <summary>Arguments after the name, e.g. "--email E --password P".</summary>
    string Arguments { get; }
    string Summary { get; }
    /// <summary>Option names (without --) that take a value.</summary>
    IReadOnlyCollection<string> ValueOptions { get; }
    /// <summary>Option names (without --) that are switches.</summary>
    IReadOnlyCollection<string> FlagOptions => [];

    /// <summary>Returns the exit code: 0 success, 1 refused input or failure.</summary>
    Task<int> RunAsync(OpsArgs args, IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct);
}

/// <summary>A bad or missing argument: printed as one line with the usage, exit code 2.</summary>
public sealed class OpsUsageException(string message) : Exception(message);

/// <summary>Parsed `--name value` options and `--flag` switches.</summary>
public sealed class OpsArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public static OpsArgs Parse(IReadOnlyList<string> args, IOpsCommand command)
    {
        var parsed = new OpsArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new OpsUsageException($"unexpected argument '{arg}'");
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq > 0) { inline = name[(eq + 1)..]; name = name[..eq]; }

            if (command.FlagOptions.Contains(name))
            {
                if (inline is not null) throw new OpsUsageException($"--{name} takes no value");
                parsed._flags.Add(name);
            }
            else if (command.ValueOptions.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
                if (value is null) throw new OpsUsageException($"--{name} needs a value");
                if (!parsed._values.TryAdd(name, value)) throw new OpsUsageException($"--{name} given twice");
            }
            else throw new OpsUsageException($"unknown option --{name}");
        }
        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new OpsUsageException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public long RequiredLong(string name) =>
        long.TryParse(Required(name), out var v) ? v : throw new OpsUsageException($"--{name} must be a whole number");

    public DateTimeOffset? OptionalTime(string name)
    {
        var raw = Optional(name);
        if (raw is null) return null;
        return DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var v)
            ? v.ToUniversalTime()
            : throw new OpsUsageException($"--{name} must be an ISO 8601 time, e.g. 2026-12-01T09:00:00+08:00");
    }
}
