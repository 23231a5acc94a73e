namespace Seratio.IntegrationTests.Infrastructure;

/// <summary>One node process shared by the tests of a class (xunit class fixture).</summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;
    public Task InitializeAsync() => InitializeCoreAsync();
    private async Task InitializeCoreAsync() => Node = await NodeProcess.StartAsync();
    public async Task DisposeAsync() => await Node.DisposeAsync();
}
