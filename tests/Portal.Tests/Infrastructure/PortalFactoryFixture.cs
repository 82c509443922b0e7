namespace Portal.Tests.Infrastructure;

/// <summary>One app and one temporary database for a test class.</summary>
public sealed class PortalFactoryFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Services; // start the host: migrates the temporary database
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
