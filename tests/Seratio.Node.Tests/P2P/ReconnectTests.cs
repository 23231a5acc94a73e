using Seratio.Node.P2P;

namespace Seratio.Node.Tests.P2P;

public sealed class ReconnectTests
{
    [Fact]
    public async Task Dialler_AfterThePeerRestarts_ReconnectsWithBackoff()
    {
        int portB = TestPorts.Free();
        await using var b = await TestNode.StartAsync("b", portB, []);
        await using var a = await TestNode.StartAsync("a", TestPorts.Free(), [TestNode.Dial("b", portB)]);
        await Eventually.True(() => a.Network.Peers.Count == 1);

        await b.StopAsync();
        await Eventually.True(() => a.Network.Peers.Count == 0);
        await Task.Delay(600); // a few failed dials: the back-off has grown to its 400 ms cap
        Assert.True(a.Logs.Has(1402, TestPeers.Id("b").ToString()));

        await b.StartAsync();
        await Eventually.True(() => a.Network.Peers.Count == 1 && b.Network.Peers.Count == 1);
        Assert.Equal(TestPeers.Id("b"), a.Network.Peers.Single().Id);
        Assert.Equal(PeerDirection.Inbound, b.Network.Peers.Single().Direction);
    }
}
