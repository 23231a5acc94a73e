using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Seratio.Node.Tests.P2P;

/// <summary>
/// The ports every test server is planned on (tests/Shared/TestPorts.cs): below the kernel's ephemeral range, never
/// handed out twice, free when handed out, and reserved for the other test processes to see.
/// </summary>
public sealed class TestPortsTests
{
    [Fact]
    public void Free_HandsOutDistinctBindablePortsBelowTheEphemeralRange_EachReserved()
    {
        int ephemeralLow = File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            ? int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture)
            : 32768;
        var ports = Enumerable.Range(0, 50).Select(_ => TestPorts.Free()).ToArray();

        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1025, ephemeralLow - 1));
        Assert.All(ports, p => Assert.True(TestPorts.IsFree(p), $"port {p} was handed out but is taken"));
        string reservations = Path.Combine(Path.GetTempPath(), "seratio-test-ports");
        Assert.All(ports, p => Assert.True(File.Exists(Path.Combine(reservations, p.ToString(CultureInfo.InvariantCulture))), $"port {p} is not reserved"));
    }

    [Fact]
    public void Block_ReservesTheBaseAndEveryOffset_AndTheNextPortsSkipTakenOnes()
    {
        int first = TestPorts.Block(0, 1, 400);
        Assert.True(TestPorts.IsFree(first) && TestPorts.IsFree(first + 1) && TestPorts.IsFree(first + 400));
        // The ports just after the block, where the next search starts, are taken by listeners outside the reservations.
        var squatters = Enumerable.Range(first + 2, 4).Select(Squat).OfType<TcpListener>().ToList();
        try
        {
            var next = Enumerable.Range(0, 10).Select(_ => TestPorts.Free()).ToArray();

            int[] unavailable = [first, first + 1, first + 400, .. Enumerable.Range(first + 2, 4)];
            Assert.Empty(next.Intersect(unavailable));
            Assert.All(next, p => Assert.True(TestPorts.IsFree(p), $"port {p} was handed out but is taken"));
        }
        finally
        {
            foreach (var squatter in squatters) squatter.Dispose();
        }
    }

    private static TcpListener? Squat(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try { listener.Start(); return listener; }
        catch (SocketException) { listener.Dispose(); return null; } // taken already: unavailable all the same
    }
}
