using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Seratio.Tests.Shared;

/// <summary>
/// Loopback ports for the servers a test starts (node and portal processes, in-process hosts), free when handed out and
/// kept free until the server binds them:
/// <list type="bullet">
/// <item>They come from below the kernel's ephemeral range (Linux: <c>net.ipv4.ip_local_port_range</c>, 32768–60999 by
/// default). A port the kernel once gave to a listener on port 0 is in that range, and any process's outgoing connection
/// may take it as its local port before the test's server binds it: CI saw a validator fail to start with "address
/// already in use" on such a port. Below the range, only a listener asking for the port by number can take it.</item>
/// <item>Each port is reserved by a file in the temp directory, so the test assemblies that <c>dotnet test</c> runs at
/// once never plan on the same port, and one process never hands a port out twice (a node restarted on its own port
/// after a kill keeps it). A process's reservations are removed when it exits; those of a killed process expire after
/// <see cref="ReservationLife"/>.</item>
/// </list>
/// </summary>
internal static class TestPorts
{
    private static readonly TimeSpan ReservationLife = TimeSpan.FromMinutes(30);
    private static readonly (int First, int Last) Window = ReadWindow();
    private static readonly string Reservations =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "seratio-test-ports")).FullName;
    private static readonly List<string> Held = [];
    private static int _cursor = Random.Shared.Next(Window.Last - Window.First + 1);

    static TestPorts() => AppDomain.CurrentDomain.ProcessExit += (_, _) => ReleaseAll();

    /// <summary>A free loopback port, reserved for this test process.</summary>
    public static int Free() => Block(0);

    /// <summary>
    /// A base port such that the base and base + each of <paramref name="offsets"/> are free and reserved: for a devnet,
    /// which derives its validators' API, P2P, metrics and portal ports from one address.
    /// </summary>
    public static int Block(params int[] offsets)
    {
        int span = offsets.Max();
        int bases = Window.Last - span - Window.First + 1;
        if (span < 0 || bases <= 0) throw new ArgumentOutOfRangeException(nameof(offsets), "the offsets do not fit the test port window");
        lock (Held)
        {
            for (int tried = 0; tried < bases; tried++)
            {
                int port = Window.First + _cursor++ % bases;
                int[] ports = [port, .. offsets.Where(o => o != 0).Select(o => port + o)];
                if (TryReserve(ports)) return port;
            }
        }
        throw new InvalidOperationException(
            $"no free loopback port in {Window.First}–{Window.Last} (reservations in {Reservations})");
    }

    /// <summary>Reserves every port of <paramref name="ports"/> and checks each is free now, or reserves none.</summary>
    private static bool TryReserve(int[] ports)
    {
        var taken = new List<string>();
        foreach (int port in ports)
        {
            var file = Path.Combine(Reservations, port.ToString(CultureInfo.InvariantCulture));
            bool reserved = TryCreate(file);
            if (reserved) taken.Add(file);
            if (!reserved || !IsFree(port))
            {
                foreach (var mine in taken) File.Delete(mine);
                return false;
            }
        }
        Held.AddRange(taken);
        return true;
    }

    private static bool TryCreate(string file)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                return true;
            }
            catch (IOException) when (File.Exists(file))
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < ReservationLife) return false;
                try { File.Delete(file); } catch (IOException) { return false; }
            }
        }
        return false;
    }

    /// <summary>Whether nothing listens on loopback <paramref name="port"/> now (binds it and lets it go).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static void ReleaseAll()
    {
        lock (Held)
        {
            foreach (var file in Held)
                try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            Held.Clear();
        }
    }

    /// <summary>
    /// The 12,000 ports just below the ephemeral range (20768–32767 on a default Linux), or 20000–32767 where the range
    /// cannot be read.
    /// </summary>
    private static (int First, int Last) ReadWindow()
    {
        const int Size = 12_000;
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            int low = int.Parse(fields[0], CultureInfo.InvariantCulture);
            if (low - Size > 1024) return (low - Size, low - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // not Linux, or no procfs: the IANA dynamic range starts at 49152 (Windows, macOS), so this is below it too
        }
        return (20_000, 32_767);
    }
}
