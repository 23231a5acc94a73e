using System.Globalization;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// A <see cref="RelayerFixture"/> (a real one-validator devnet and two real anvils with the anchor contract) on which a
/// certificate, a microshare lot minted on it and a provenance record were issued through the real CLI, as README's
/// story does, and then anchored on both chains by the real relayers (which stop before the tests run, so the contracts
/// hold still). Before anchoring it records what <c>cert verify --on eth</c> said while nothing was anchored. Shared by
/// the tests of a class, which only read.
/// </summary>
public sealed class AnchoredCertificateFixture : IAsyncLifetime
{
    private const string Hash = "abababababababababababababababababababababababababababababababab";

    public RelayerFixture Chain { get; } = new();
    public CliRunner Cli { get; private set; } = null!;

    /// <summary>The height certificate 1 was issued at.</summary>
    public ulong IssuedAt { get; private set; }

    /// <summary>The last height anchored on the etc contract (the eth one holds a height above the issuing too).</summary>
    public ulong EtcHeight { get; private set; }

    /// <summary><c>cert verify 1 --on eth</c> while nothing was anchored yet.</summary>
    public CliResult BeforeAnchoring { get; private set; } = null!;

    public string Genesis => Path.Combine(Chain.Root, "devnet", "validator-0", "config", "genesis.json");

    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Cli = new CliRunner(Path.Combine(Chain.Root, "keystore"));
        await Ok("cert", "method-register", "anchored-sroi", "--version", "1", "--description", "SROI", "--document-hash", Hash, "--from", Key(0), "--wait");
        await Ok("role", "grant", Address(1), "issuer", "--method", "anchored-sroi", "--from", Key(0), "--wait");
        await Ok("entity", "register", "--kind", "project", "--name", "Wetlands Trust", "--from", Key(2), "--wait");
        var issued = await Ok("cert", "issue", "--subject", "1", "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "300", "--financial-value", "100", "--scale", "0", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "anchored-sroi", "--method-version", "1", "--evidence-uri", "ipfs://wetlands", "--evidence-hash", Hash,
            "--valid-until", "2099-01-01", "--from", Key(1), "--wait", "-o", "json");
        IssuedAt = issued.Json().GetProperty("receipt").GetProperty("height").GetUInt64();
        await Ok("role", "grant", Address(1), "rewarding-body", "--from", Key(0), "--wait");
        await Ok("microshare", "class-create", "WET", "--name", "Wetland shares", "--certificate", "1", "--rule", "se-ratio", "--from", Key(1), "--wait");
        await Ok("microshare", "mint", "1", "--certificate", "1", "--amount", "1000", "--from", Key(2), "--wait");
        var appended = await Ok("provenance", "append", "--entity", "1", "--kind", "object", "--item", "wetland-plot-7", "--step", "planting", "--from", Key(2), "--wait", "-o", "json");
        ulong lastWrite = appended.Json().GetProperty("receipt").GetProperty("height").GetUInt64();

        BeforeAnchoring = await Run(["cert", "verify", "1", .. On("eth")]);

        var eth = Chain.Relayer(Chain.Options("eth", 4, "verify-eth.json", confirmations: 1));
        var etc = Chain.Relayer(Chain.Options("etc", 4, "verify-etc.json", confirmations: 1));
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(eth.RunAsync(stop.Token), etc.RunAsync(stop.Token));
        try
        {
            await Chain.WaitForAsync(async () =>
            {
                await Chain.MineAsync(Chain.Ethereum);
                await Chain.MineAsync(Chain.Classic);
                return await Chain.EthContract.LastHeightAsync() > lastWrite && await Chain.EtcContract.LastHeightAsync() > lastWrite ? "anchored" : null;
            }, $"checkpoints above height {lastWrite} on both anvils");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
        EtcHeight = await Chain.EtcContract.LastHeightAsync();
    }

    public Task DisposeAsync() => Chain.DisposeAsync();

    public static string Address(int account)
    {
        using var key = SigningKey.ForTesting($"devnet/dev-{account}");
        return key.Address.ToString();
    }

    public static string Height(ulong height) => height.ToString(CultureInfo.InvariantCulture);

    /// <summary>The CLI against the devnet.</summary>
    public Task<CliResult> Run(params string[] args) => Cli.RunAsync([.. args, "--node", Chain.NodeUrl]);

    /// <summary>The options that point a verify command at the anchor contract on <paramref name="chain"/>.</summary>
    public string[] On(string chain) => chain == "eth"
        ? ["--on", "eth", "--rpc", Chain.Ethereum.RpcUrl, "--contract", Chain.EthContract.Address]
        : ["--on", "etc", "--rpc", Chain.Classic.RpcUrl, "--contract", Chain.EtcContract.Address];

    /// <summary>Writes <paramref name="text"/> to a file of the fixture's folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Chain.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Key(int account) => Path.Combine(Chain.Root, "devnet", "keys", $"dev-{account}.devnet-unsafe.key");

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await Run(args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"setup step failed:\n{result}\ndevnet output:\n{Chain.DevnetOutput}");
        return result;
    }
}
