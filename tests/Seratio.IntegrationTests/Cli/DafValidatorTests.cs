using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Consensus;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// Governance does what the authority did, on real processes: on <c>seratio devnet --daf</c> (four validators) a dev
/// key's <c>tx set-validator</c> is refused UNAUTHORIZED, then a proposal made and voted with <c>seratio daf</c> adds a
/// fifth validator (a real <c>seratio-node</c> process with its own key, dialling validator-0 and syncing); after the
/// proposal executes, the set has five validators and the fifth signs commits from two heights after execution, never
/// before.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DafValidatorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);
    private readonly string _root = Directory.CreateTempSubdirectory("seratio-daf-validator-").FullName;
    private readonly int _apiPort = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    private DevnetProcess _devnet = null!;
    private ValidatorProcess? _fifth;
    private CliRunner _cli = null!;
    private Grpc.Net.Client.GrpcChannel? _channel;

    private string Url => $"http://127.0.0.1:{_apiPort}";
    private string Home => Path.Combine(_root, "devnet");

    public async Task InitializeAsync()
    {
        var keystore = Path.Combine(_root, "keystore");
        Directory.CreateDirectory(keystore);
        _cli = new CliRunner(keystore);
        _devnet = await DevnetProcess.StartAsync(Home, _apiPort, keystore, DevnetFixture.StartTimeout, ["--daf", "--validators", "4"]);
    }

    /// <summary>A transaction command: the devnet's home names the dev keys.</summary>
    private Task<CliResult> Seratio(params string[] args) => _cli.RunAsync([.. args, "--home", Home, "--node", Url], TimeSpan.FromSeconds(120));

    private Task<CliResult> Query(params string[] args) => _cli.RunAsync([.. args, "--node", Url], TimeSpan.FromSeconds(150));

    [Fact]
    public async Task AProposal_AddsAFifthValidator_ThatSignsFromTwoHeightsAfterExecution()
    {
        var genesis = Genesis.Load(Path.Combine(Home, "validator-0", "config", "genesis.json"));
        Assert.Equal(GenesisDaf.DafAddress.ToString(), genesis.Authority);
        ulong power = genesis.Validators[0].Power;
        using var key = SigningKey.ForTesting("it/daf-fifth-validator");
        string pubkey = Convert.ToHexStringLower(key.PublicKey.ToArray());

        // No key is the authority: dev-0's own set-validator is refused.
        var direct = await Seratio("tx", "set-validator", "--from", "dev-0", "--pubkey", pubkey, "--power", "10", "--wait");
        Assert.True(direct.ExitCode == 1, direct.ToString());
        Assert.Contains("UNAUTHORIZED", direct.StdOut + direct.StdErr);

        // The fifth node starts first and dials validator-0; it is let in once the set names it.
        var home = Path.Combine(_root, "fifth");
        int api = TestPorts.Free(), p2p = TestPorts.Free();
        ValidatorNetwork.WriteHome(home, genesis, key, api, p2p, [$"{genesis.Validators[0].PublicKey.ToLowerInvariant()}@127.0.0.1:{_apiPort + 1000}"], []);
        _fifth = new ValidatorProcess("fifth", home, api, p2p);
        _fifth.Start();

        var proposed = await Seratio("daf", "propose", "set-validator", "--title", "Add a fifth validator", "--pubkey", pubkey,
            "--power", power.ToString(CultureInfo.InvariantCulture), "--name", "fifth", "--from", "dev-0", "--wait");
        Assert.True(proposed.ExitCode == 0, proposed.ToString());
        Assert.Contains("proposal: 1", proposed.StdOut);
        // The three votes at once: the devnet's voting period is 10 blocks, and three CLI runs one after another spanned
        // more than that on a loaded machine (CI saw the third refused PROPOSAL_NOT_OPEN at height 15).
        var votes = await Task.WhenAll(new[] { "dev-0", "dev-1", "dev-2" }.Select(member => Seratio("daf", "vote", "1", "yes", "--from", member, "--wait")));
        Assert.All(votes, voted => Assert.True(voted.ExitCode == 0, voted.ToString()));
        var shown = await Query("daf", "show", "1", "--wait-for", "executed", "--timeout", "120");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("critical", shown.StdOut);
        var executed = (await Client().GetProposalAsync(new GetProposalRequest { Id = 1 })).Proposal;
        ulong e = executed.ExecutedHeight;

        await WaitUntilAsync(async () => (await _fifth.TryStatusAsync())?.LatestHeight >= e + 6, "the fifth validator syncs and the chain passes its effective height");
        Assert.Equal(5, (await Client().GetValidatorsAsync(new GetValidatorsRequest())).Validators.Count);
        var fifthKey = key.PublicKey.ToArray();
        async Task<bool> SignedAsync(ulong h) =>
            (await Client().GetBlockAsync(new GetBlockRequest { Height = h })).Commit.Signatures.Any(s => s.Validator.Span.SequenceEqual(fifthKey));
        // Never before its effective height...
        for (ulong h = 1; h <= e + 1; h++) Assert.False(await SignedAsync(h), $"the fifth validator signed height {h}, before {e + 2} (executed at {e})");
        // ...and soon after it: a commit holds the first quorum of precommits a node saw (4 of 5 here), so a slow newcomer
        // can miss a few commits, but it must be in one of them.
        bool signed = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (ulong h = e + 2; !signed && DateTime.UtcNow < deadline; h++)
        {
            await WaitUntilAsync(async () => (await Client().GetStatusAsync(new GetStatusRequest())).LatestHeight >= h + 1, $"height {h + 1}");
            signed = await SignedAsync(h);
        }
        Assert.True(signed, $"the fifth validator signed no commit from height {e + 2} within 60 s (executed at {e})");
    }

    private NodeApi.NodeApiClient Client() => new(_channel ??= Grpc.Net.Client.GrpcChannel.ForAddress(Url));

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {Patience}: {what}\n--- devnet\n{_devnet.Output}\n--- fifth\n{_fifth?.Output}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_fifth is not null) await _fifth.DisposeAsync();
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
