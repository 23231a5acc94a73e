using System.Net;
using System.Net.Sockets;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Xunit.Abstractions;

namespace Seratio.IntegrationTests.Api;

/// <summary>
/// Issue 9, finding 2: a flood of idle TCP connections must not exhaust the node's descriptors. A real node with a
/// small per-address bound takes 300 idle connections from 127.0.0.2 (another loopback address, so the test's own
/// client on 127.0.0.1 is a different source): all but the bound are closed at once, idle ones are closed after the
/// idle timeout, and the node keeps committing and answering. Loopback only, bounded in count and time.
/// </summary>
public sealed class ConnectionFloodTests(ITestOutputHelper output)
{
    private const int Flood = 300;
    private const int PerAddress = 20;

    [Fact]
    public async Task IdleConnectionFlood_FromOneAddress_IsBounded_AndTheNodeKeepsCommittingAndServing()
    {
        await using var node = await NodeProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Limits:ApiMaxConnectionsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits:IdleTimeoutMs"] = "3000",
        });
        ulong before = (await node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        var sockets = new List<Socket>();
        try
        {
            for (int i = 0; i < Flood; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                try { await socket.ConnectAsync(IPAddress.Loopback, node.ApiPort).WaitAsync(TimeSpan.FromSeconds(5)); }
                catch (Exception e) when (e is SocketException or TimeoutException) { }
                sockets.Add(socket);
            }

            // The bound holds: connections beyond it are closed by the node at once.
            int open = await OpenAfterAsync(sockets, TimeSpan.FromSeconds(1));
            output.WriteLine($"{open} of {Flood} flood connections still open after 1 s (bound {PerAddress} per address)");
            Assert.True(open <= PerAddress, $"{open} connections from one address stayed open; the bound is {PerAddress}");

            // Meanwhile a client from another address is served, and the chain commits.
            var started = DateTime.UtcNow;
            var status = await node.Client.GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            output.WriteLine($"GetStatus during the flood took {(DateTime.UtcNow - started).TotalMilliseconds:F0} ms");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight < before + 2 && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.True((await node.Client.GetStatusAsync(new GetStatusRequest())).LatestHeight >= before + 2, "the chain stopped committing under the flood");

            // Idle connections do not hold their slots: after the idle timeout the node has closed them.
            int stillOpen = await OpenAfterAsync(sockets, TimeSpan.FromSeconds(8));
            output.WriteLine($"{stillOpen} flood connections open after the idle timeout");
            Assert.Equal(0, stillOpen);
            Assert.True(node.IsRunning);
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>How many of <paramref name="sockets"/> the node has not closed after <paramref name="wait"/>.</summary>
    private static async Task<int> OpenAfterAsync(List<Socket> sockets, TimeSpan wait)
    {
        await Task.Delay(wait);
        int open = 0;
        foreach (var socket in sockets)
        {
            if (!socket.Connected) continue;
            try
            {
                bool closed = socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
                if (!closed) open++;
            }
            catch (SocketException) { }
        }
        return open;
    }
}
