using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Portal.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static. When several hosts share a process (tests) and one is
/// disposed, its logger factory goes with it; this provider then stays quiet instead of failing the caller.
/// </summary>
public sealed class ResilientLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try { return new Guarded(_inner.GetLogger(name)); }
        catch (ObjectDisposedException) { return Silent.Instance; }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try { return inner.Log(logLevel, messageFunc!, exception!); }
            catch (ObjectDisposedException) { return false; }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
