using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Consensus;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// One block pipeline for every chain (docs/consensus.md): a chain started as <c>seratio devnet --validators 1</c>
/// runs through the consensus engine like any other, so the authority can grow it into a BFT network of four with
/// <c>seratio tx set-validator</c>, and the four keep committing when one of them is killed. Real processes only:
/// the devnet, three <c>seratio-node</c> processes that dial it, and the CLI.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DevnetGrowthTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _root = Directory.CreateTempSubdirectory("seratio-growth-").FullName;
    private readonly int _apiPort = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    private readonly List<ValidatorProcess> _joined = [];
    private DevnetProcess _devnet = null!;
    private CliRunner _cli = null!;

    private string Url => $"http://127.0.0.1:{_apiPort}";
    private string Home => Path.Combine(_root, "devnet");
    private static SigningKey JoinerKey(int i) => SigningKey.ForTesting($"it/growth-validator-{i}");

    public async Task InitializeAsync()
    {
        var keystore = Path.Combine(_root, "keystore");
        Directory.CreateDirectory(keystore);
        _cli = new CliRunner(keystore);
        _devnet = await DevnetProcess.StartAsync(Home, _apiPort, keystore, DevnetFixture.StartTimeout, ["--validators", "1"]);
    }

    [Fact]
    public async Task OneValidatorDevnet_GrowsToFourThroughSetValidator_AndKeepsCommittingWhenOneIsKilled()
    {
        var genesis = Genesis.Load(Path.Combine(Home, "validator-0", "config", "genesis.json"));
        Assert.Single(genesis.Validators);
        ulong power = genesis.Validators[0].Power;
        var firstP2P = $"127.0.0.1:{_apiPort + 1000}";
        string firstKeyHex = genesis.Validators[0].PublicKey.ToLowerInvariant();

        for (int i = 1; i <= 3; i++)
        {
            using var key = JoinerKey(i);
            var home = Path.Combine(_root, $"joiner-{i}");
            int api = TestPorts.Free(), p2p = TestPorts.Free();
            ValidatorNetwork.WriteHome(home, genesis, key, api, p2p, [$"{firstKeyHex}@{firstP2P}"], []);
            var node = new ValidatorProcess($"joiner-{i}", home, api, p2p);
            _joined.Add(node);
            node.Start();

            var added = await _cli.RunAsync("tx", "set-validator", "--from", "dev-0", "--home", Home,
                "--pubkey", Convert.ToHexStringLower(key.PublicKey.ToArray()), "--power", power.ToString(CultureInfo.InvariantCulture),
                "--name", $"joiner-{i}", "--wait", "--node", Url);
            Assert.True(added.ExitCode == 0, added.ToString());
            ulong h = await HeightAsync();
            // The set takes effect two heights after the change; from then on the joiner's votes are needed.
            await WaitUntilAsync(async () => (await node.TryStatusAsync())?.LatestHeight >= h + 3, $"joiner-{i} syncs and the chain passes its effective height");
            var set = await Client().GetValidatorsAsync(new GetValidatorsRequest());
            Assert.Equal(i + 1, set.Validators.Count);
        }

        // Issue 9: P2P is TLS 1.3 by default. The joiners (no P2P:Transport) listen on https and synced from the devnet's
        // validator, whose config `seratio devnet` wrote without P2P:Transport: the devnet speaks TLS too (a cleartext
        // listener cannot answer a TLS dial).
        Assert.All(_joined, j => Assert.Contains("P2P listening on https://", j.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("Transport", File.ReadAllText(Path.Combine(Home, "validator-0", "config", "node.json")), StringComparison.Ordinal);

        // Four validators of equal power: every commit from here on needs at least three of them.
        ulong four = await HeightAsync();
        await WaitUntilAsync(async () => await HeightAsync() >= four + 3, "four validators commit");
        var signers = (await Client().GetBlockAsync(new GetBlockRequest { Height = four + 2 })).Commit.Signatures.Count;
        Assert.True(signers >= 3, $"a commit of the four-validator chain holds {signers} signatures");

        var victim = _joined[2];
        victim.Kill();
        ulong afterKill = await HeightAsync();
        await WaitUntilAsync(async () => await HeightAsync() >= afterKill + 4, "three of four keep committing after a kill");
        Assert.False(_devnet.HasExited, _devnet.Output);

        // The survivors agree block by block.
        ulong top = await HeightAsync();
        for (ulong x = 1; x <= top; x += Math.Max(1, top / 8))
        {
            var a = await Client().GetBlockAsync(new GetBlockRequest { Height = x });
            var b = await _joined[0].Client.GetBlockAsync(new GetBlockRequest { Height = x });
            Assert.Equal(a.BlockHash, b.BlockHash);
        }
    }

    private Grpc.Net.Client.GrpcChannel? _channel;

    private NodeApi.NodeApiClient Client() => new(_channel ??= Grpc.Net.Client.GrpcChannel.ForAddress(Url));

    private async Task<ulong> HeightAsync() => (await Client().GetStatusAsync(new GetStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).LatestHeight;

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {Patience}: {what}\n--- devnet\n{_devnet.Output}\n" +
                    string.Join("\n", _joined.Select(j => $"--- {j.Name}\n{j.Output}")));
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        foreach (var node in _joined) await node.DisposeAsync();
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
