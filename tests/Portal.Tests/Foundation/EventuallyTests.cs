using Portal.Tests.Infrastructure;

namespace Portal.Tests.Foundation;

public sealed class EventuallyTests
{
    [Fact]
    public async Task Waiting_returns_the_first_value_that_satisfies_the_condition()
    {
        var reads = 0;
        var value = await Eventually.Until(() => Task.FromResult(++reads), n => n >= 3, "the third read");
        Assert.Equal(3, value);
    }

    [Fact]
    public async Task A_wait_that_times_out_fails_saying_what_it_waited_for()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Eventually.Until(() => false, "the lift to arrive", TimeSpan.FromMilliseconds(300)));
        Assert.Contains("the lift to arrive", failure.Message);
        Assert.Contains("0.3 s", failure.Message);
    }
}
