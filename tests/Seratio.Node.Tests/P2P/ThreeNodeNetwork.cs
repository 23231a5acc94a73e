namespace Seratio.Node.Tests.P2P;

/// <summary>
/// Three running nodes on loopback: validators A and B (keys in genesis) and observer C (allowed
/// by configuration). A dials B and C, B dials C. Shared by the tests of one class, which only add
/// traffic (no test stops a node).
/// </summary>
public sealed class ThreeNodeNetwork : IAsyncLifetime
{
    internal TestNode A { get; private set; } = null!;
    internal TestNode B { get; private set; } = null!;
    internal TestNode C { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int portB = TestPorts.Free(), portC = TestPorts.Free();
        C = await TestNode.StartAsync("c", portC, []);
        B = await TestNode.StartAsync("b", portB, [TestNode.Dial("c", portC)]);
        A = await TestNode.StartAsync("a", TestPorts.Free(), [TestNode.Dial("b", portB), $"127.0.0.1:{portC}"]);
        await Eventually.True(() => A.Network.Peers.Count == 2 && B.Network.Peers.Count == 2 && C.Network.Peers.Count == 2);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await C.DisposeAsync();
    }
}
