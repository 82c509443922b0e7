namespace Portal.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens in the background (a Hangfire job, an email, a page that reloads) instead of a
/// hand-written polling loop. On time-out the test fails saying what it waited for.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="done"/> holds and returns what was read last.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string because, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow >= until)
                Assert.Fail($"Waited {limit.TotalSeconds:0.#} s for {because}; last seen: {Describe(value)}.");
            await Task.Delay(Interval, TestContext.Current.CancellationToken);
        }
    }

    public static Task Until(Func<Task<bool>> condition, string because, TimeSpan? timeout = null) =>
        Until(condition, met => met, because, timeout);

    public static Task Until(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), met => met, because, timeout);

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        bool b => b ? "true" : "false",
        System.Collections.ICollection c => $"{c.Count} item(s)",
        _ => value.ToString() ?? "",
    };
}
