using Seratio.Core.Chain;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// One real <c>seratio devnet</c> shared by the tests of a class (xunit class fixture), on a
/// temporary home, a free loopback port and a temporary keystore. Tests of one class run one
/// after the other, so a test may stop and restart it (<see cref="RestartAsync"/>).
/// </summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public string Root { get; } = Directory.CreateTempSubdirectory("seratio-cli-e2e-").FullName;
    public string Home => Path.Combine(Root, "devnet");
    public string Keystore => Path.Combine(Root, "keystore");
    /// <summary>Devnet validator i listens on API port + i, metrics + 200 + i and P2P + 1000 + i, its portal on + 400: all of them are kept free.</summary>
    public static readonly int[] DevnetPortOffsets = [0, 1, 2, 3, 200, 201, 202, 203, 400, 1000, 1001, 1002, 1003];

    public int ApiPort { get; } = TestPorts.Block(DevnetPortOffsets);
    public string Url => $"http://127.0.0.1:{ApiPort}";
    public DevnetProcess Devnet { get; private set; } = null!;
    public CliRunner Cli { get; private set; } = null!;
    public Genesis Genesis { get; private set; } = null!;

    /// <summary>The address of a funded development account, e.g. "dev-1", as the devnet's genesis names it.</summary>
    public string AddressOf(string devAccount) => Genesis.Accounts.Single(a => a.Name == devAccount).Address;

    /// <summary>A new file under the fixture's folder holding <paramref name="text"/>.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Keystore);
        Cli = new CliRunner(Keystore);
        Devnet = await DevnetProcess.StartAsync(Home, ApiPort, Keystore, StartTimeout);
        Genesis = Genesis.Load(Path.Combine(Home, "validator-0", "config", "genesis.json"));
    }

    /// <summary>Starts devnet again on the same home and port (the previous process must have exited).</summary>
    public async Task RestartAsync()
    {
        if (!Devnet.HasExited) throw new InvalidOperationException("devnet still runs; stop it first");
        await Devnet.DisposeAsync();
        Devnet = await DevnetProcess.StartAsync(Home, ApiPort, Keystore, StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (Devnet is not null) await Devnet.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
