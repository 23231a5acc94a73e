using System.Net;
using System.Net.Sockets;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Tests.Infrastructure;

namespace Seratio.Bridges.Tests.Anvil;

/// <summary>An anvil started on a fixed port with extra arguments, as <c>seratio devnet --anchor</c> starts it (real anvil processes).</summary>
public sealed class AnvilNodeTests
{
    [Fact]
    public async Task StartAsync_OnAFixedPortWithABlockTime_ListensThere_MinesWithoutTransactions_AndReportsItsExit()
    {
        int port = FreePortIn(18670, 18689);
        var node = await AnvilNode.StartAsync(AnvilChain.EthereumClassic, AnvilLocator.Find(BridgePaths.Contracts), port, ["--block-time", "1"]);
        try
        {
            Assert.Equal(port, node.Port);
            Assert.Equal($"http://127.0.0.1:{port}", node.RpcUrl);
            var web3 = new Nethereum.Web3.Web3(node.RpcUrl);
            Assert.Equal(63, (long)(await web3.Eth.ChainId.SendRequestAsync()).Value);
            // Interval mining: blocks come with nothing sent (anvil's default mines only on a transaction).
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "anvil --block-time 1 mined fewer than 2 blocks in 15 s");
                await Task.Delay(200);
            }
            Assert.False(node.HasExited);
            Assert.False(node.Exited.IsCompleted);
        }
        finally
        {
            await node.DisposeAsync();
        }
        await node.Exited.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StartAsync_OnATakenPort_FailsWithAnvilsOutput()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AnvilNode.StartAsync(AnvilChain.Ethereum, AnvilLocator.Find(BridgePaths.Contracts), port, []));

        Assert.Contains($"port {port}", error.Message, StringComparison.Ordinal);
    }

    private static int FreePortIn(int first, int last)
    {
        for (int port = first; port <= last; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: the next one
            }
        }
        throw new InvalidOperationException($"no free port in {first}-{last}");
    }
}
