using System.Diagnostics;
using System.Text.RegularExpressions;
using Seratio.Core.Chain;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// A one-validator <c>seratio devnet --daf</c> of its own (the DAF is the authority, the four dev accounts its council;
/// portal on, free loopback ports), with empty blocks every 2 s instead of 5 so its 10-block votes and 3-block timelock
/// pass in about half a minute, yet leave the CLI's votes (each a process that starts in a few seconds) time to land.
/// The DAF pages' browser tests run their proposal and grant on it, leaving the shared devnet alone.
/// </summary>
public sealed partial class DafPortalFixture : IAsyncLifetime
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(120);
    private DevnetProcess? _devnet;

    public string Root { get; } = Directory.CreateTempSubdirectory("seratio-portal-daf-").FullName;
    public string Keystore => Path.Combine(Root, "keystore");
    public int ApiPort { get; } = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    public string NodeUrl => $"http://127.0.0.1:{ApiPort}";
    public string PortalUrl { get; private set; } = "";
    public Genesis Genesis { get; private set; } = null!;

    public string AddressOf(string devName) => Genesis.Accounts.Single(a => a.Name == devName).Address;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Keystore);
        _devnet = await DevnetProcess.StartAsync(Path.Combine(Root, ".devnet"), ApiPort, Keystore, PortalFixture.StartTimeout,
            ["--daf", "--validators", "1", "--metrics", $"127.0.0.1:{TestPorts.Free()}"],
            new Dictionary<string, string> { ["SERATIO_Consensus__EmptyBlockIntervalMs"] = "2000" });
        var banner = await _devnet.WaitForOutputAsync(PortalLine(), TimeSpan.FromSeconds(10));
        if (!banner.Success) throw new InvalidOperationException($"the DAF devnet's banner names no portal:\n{_devnet.Output}");
        PortalUrl = banner.Groups[1].Value.TrimEnd('/');
        Genesis = Genesis.Load(Path.Combine(Root, ".devnet", "validator-0", "config", "genesis.json"));
    }

    /// <summary>Runs <c>seratio ARGS --node NodeUrl</c> in <see cref="Root"/>, so <c>--from dev-N</c> finds this devnet's keys.</summary>
    public Task<CliResult> CliAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Root };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in args.Append("--node").Append(NodeUrl)) info.ArgumentList.Add(a);
        return CliRunner.RunProcessAsync(info, Keystore, CliTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"(?m)^portal (http://\S+)")]
    private static partial Regex PortalLine();
}
