using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, "verification without trusting a node": a certificate issued on a real devnet, anchored by the real relayers
/// on two real anvils, is proven by <c>seratio cert verify --on eth</c> and <c>--on etc</c> (the contract's
/// <c>verifyState</c> by eth_call), a tampered document is refused with a reason, and the same document is checked
/// offline against the devnet's genesis validators (<c>--trust</c>), where a forged commit is refused. Account,
/// microshare lot and provenance proofs go through the same checker.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class AnchoredVerifyTests(RelayerFixture fixture) : IClassFixture<RelayerFixture>
{
    private const string Hash = "abababababababababababababababababababababababababababababababab";
    private readonly CliRunner _cli = new(Path.Combine(fixture.Root, "keystore"));

    private string Devnet => Path.Combine(fixture.Root, "devnet");
    private string Key(int account) => Path.Combine(Devnet, "keys", $"dev-{account}.devnet-unsafe.key");
    private string Genesis => Path.Combine(Devnet, "validator-0", "config", "genesis.json");

    private static string Address(int account)
    {
        using var key = SigningKey.ForTesting($"devnet/dev-{account}");
        return key.Address.ToString();
    }

    private Task<CliResult> Run(params string[] args) => _cli.RunAsync([.. args, "--node", fixture.NodeUrl]);

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private string[] On(string chain) => chain == "eth"
        ? ["--on", "eth", "--rpc", fixture.Ethereum.RpcUrl, "--contract", fixture.EthContract.Address]
        : ["--on", "etc", "--rpc", fixture.Classic.RpcUrl, "--contract", fixture.EtcContract.Address];

    private string Write(string name, string text)
    {
        var path = Path.Combine(fixture.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task ARealCertificate_IsProvenOnBothChains_ATamperedOneIsNot_AndItsCommitChecksOfflineAgainstGenesis()
    {
        // A certificate, a microshare lot minted on it and a provenance record, as README's story issues them.
        await Ok("cert", "method-register", "anchored-sroi", "--version", "1", "--description", "SROI", "--document-hash", Hash, "--from", Key(0), "--wait");
        await Ok("role", "grant", Address(1), "issuer", "--method", "anchored-sroi", "--from", Key(0), "--wait");
        await Ok("entity", "register", "--kind", "project", "--name", "Wetlands Trust", "--from", Key(2), "--wait");
        var issued = await Ok("cert", "issue", "--subject", "1", "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "300", "--financial-value", "100", "--scale", "0", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "anchored-sroi", "--method-version", "1", "--evidence-uri", "ipfs://wetlands", "--evidence-hash", Hash,
            "--valid-until", "2099-01-01", "--from", Key(1), "--wait", "-o", "json");
        ulong issuedAt = issued.Json().GetProperty("receipt").GetProperty("height").GetUInt64();
        await Ok("role", "grant", Address(1), "rewarding-body", "--from", Key(0), "--wait");
        await Ok("microshare", "class-create", "WET", "--name", "Wetland shares", "--certificate", "1", "--rule", "se-ratio", "--from", Key(1), "--wait");
        await Ok("microshare", "mint", "1", "--certificate", "1", "--amount", "1000", "--from", Key(2), "--wait");
        var appended = await Ok("provenance", "append", "--entity", "1", "--kind", "object", "--item", "wetland-plot-7", "--step", "planting", "--from", Key(2), "--wait", "-o", "json");
        ulong lastWrite = appended.Json().GetProperty("receipt").GetProperty("height").GetUInt64();

        // Nothing is anchored yet (the fixture deploys the contracts, only relayers anchor): a failure that says so.
        var early = await Run(["cert", "verify", "1", .. On("eth")]);
        Assert.True(early.ExitCode == 1, early.ToString());
        Assert.Contains("nothing is anchored on eth (EVM chain id 1337)", early.StdErr);

        // Both relayers anchor until each contract holds a checkpoint at or above the issuing height.
        var eth = fixture.Relayer(fixture.Options("eth", 4, "verify-eth.json", confirmations: 1));
        var etc = fixture.Relayer(fixture.Options("etc", 4, "verify-etc.json", confirmations: 1));
        using (var stop = new CancellationTokenSource())
        {
            var running = Task.WhenAll(eth.RunAsync(stop.Token), etc.RunAsync(stop.Token));
            try
            {
                await fixture.WaitForAsync(async () =>
                {
                    await fixture.MineAsync(fixture.Ethereum);
                    await fixture.MineAsync(fixture.Classic);
                    return await fixture.EthContract.LastHeightAsync() > lastWrite && await fixture.EtcContract.LastHeightAsync() > lastWrite ? "anchored" : null;
                }, $"checkpoints above height {lastWrite} on both anvils");
            }
            finally
            {
                await stop.CancelAsync();
                await running;
            }
        }

        // The contracts hold still from here on (the relayers stopped); the checks are independent, so they run side by side.
        ulong etcHeight = await fixture.EtcContract.LastHeightAsync();
        string Height(ulong h) => h.ToString(CultureInfo.InvariantCulture);
        var first = await Task.WhenAll(
            Run(["cert", "verify", "1", .. On("eth")]),
            Run(["cert", "verify", "1", .. On("etc")]),
            Run(["cert", "verify", "1", .. On("etc"), "--height", Height(issuedAt - 1)]),
            Run("cert", "show", "1", "--prove", "--height", Height(etcHeight), "-o", "json"),
            Run("cert", "show", "1", "--prove", "--height", Height(etcHeight - 1), "-o", "json"),
            Run(["proof", "verify", "--address", Address(2), .. On("eth")]),
            Run(["provenance", "verify", "1", .. On("etc")]),
            Run(["microshare", "verify", "1", .. On("eth"), "-o", "json"]),
            Run("cert", "verify", "1", "--on", "eth", "--rpc", fixture.Ethereum.RpcUrl, "--contract", "0x000000000000000000000000000000000000dEaD"),
            Run("cert", "verify", "1", "--on", "etc", "--rpc", "http://127.0.0.1:1", "--contract", fixture.EtcContract.Address),
            Run("query", "account", Address(2), "--prove", "--height", Height(etcHeight), "-o", "json"));
        Assert.All(first.Take(2).Concat(first.Skip(3).Take(5)).Append(first[10]), r => Assert.True(r.ExitCode == 0, r.ToString()));

        // The certificate's proof at the latest anchored height, checked by each contract against the root it holds.
        foreach (var (result, chain, contract) in new[] { (first[0], "eth", fixture.EthContract), (first[1], "etc", fixture.EtcContract) })
        {
            var line = System.Text.RegularExpressions.Regex.Match(result.StdOut,
                $@"(?m)^proof: valid on {chain} \(EVM chain id {(chain == "eth" ? 1337 : 63)}\) contract 0x[0-9a-fA-F]{{40}} at anchored height (\d+), state root ([0-9a-f]{{64}})$");
            Assert.True(line.Success, result.ToString());
            ulong anchored = ulong.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(anchored > issuedAt, result.ToString());
            Assert.Equal(Convert.ToHexStringLower((await contract.CheckpointAtAsync(anchored)).StateRoot), line.Groups[2].Value);
            Assert.Contains("S/E ratio", result.StdOut);
        }
        // --height picks the latest anchored checkpoint at or below it: none holds the certificate below its issuing height.
        Assert.True(first[2].ExitCode == 1, first[2].ToString());
        // Accounts, provenance records and microshare lots use the same checker.
        Assert.Contains("proof: valid on eth", first[5].StdOut);
        Assert.Contains("proof: valid on etc", first[6].StdOut);
        Assert.True(first[7].Json().GetProperty("valid").GetBoolean(), first[7].ToString());
        Assert.Equal("1000", first[7].Json().GetProperty("value").GetProperty("flags").GetProperty("originAmount").GetString());
        // A wrong contract address and an unreachable EVM node are failures with a reason, not verdicts.
        Assert.True(first[8].ExitCode == 1, first[8].ToString());
        Assert.Contains("there is no contract at 0x000000000000000000000000000000000000dEaD", first[8].StdErr);
        Assert.True(first[9].ExitCode == 1, first[9].ToString());
        Assert.Contains("the EVM node at http://127.0.0.1:1 failed eth_chainId", first[9].StdErr);

        // Saved documents: one at the anchored height of etc, tampered three ways, and one at a height not anchored.
        var saved = first[3].StdOut;
        var honest = Write("anchored-honest.json", saved);
        var value = JsonNode.Parse(saved)!;
        value["certificate"]!["social_value"] = "3000";
        var sibling = JsonNode.Parse(saved)!;
        var s0 = sibling["proof"]!["siblings"]![0]!.GetValue<string>();
        sibling["proof"]!["siblings"]![0] = (s0[0] == '0' ? "1" : "0") + s0[1..];
        var forged = JsonNode.Parse(saved)!;
        var commit = Commit.Parser.ParseFrom(Convert.FromHexString(forged["block"]!["commit"]!.GetValue<string>()));
        var signature = commit.Signatures[0].Signature.ToByteArray();
        signature[0] ^= 1;
        commit.Signatures[0].Signature = ByteString.CopyFrom(signature);
        forged["block"]!["commit"] = Convert.ToHexStringLower(commit.ToByteArray());
        const string nowhere = "http://127.0.0.1:1";
        var second = await Task.WhenAll(
            Run(["cert", "verify", "1", "--file", honest, .. On("etc")]),
            Run(["cert", "verify", "1", "--file", Write("anchored-value.json", value.ToJsonString()), .. On("etc")]),
            Run(["cert", "verify", "1", "--file", Write("anchored-sibling.json", sibling.ToJsonString()), .. On("eth")]),
            Run(["cert", "verify", "1", "--file", Write("anchored-not.json", first[4].StdOut), .. On("etc")]),
            // Offline: the document's commit against the genesis validators, with no node to ask.
            _cli.RunAsync("cert", "verify", "1", "--file", honest, "--trust", Genesis, "--node", nowhere),
            _cli.RunAsync("cert", "verify", "1", "--file", Write("anchored-forged.json", forged.ToJsonString()), "--trust", Genesis, "--node", nowhere),
            // An account document: offline against genesis, and against the root anchored at its height.
            _cli.RunAsync("proof", "verify", Write("anchored-account.json", first[10].StdOut), "--trust", Genesis, "--node", nowhere),
            Run(["proof", "verify", Path.Combine(fixture.Root, "anchored-account.json"), .. On("etc")]));

        Assert.True(second[0].ExitCode == 0, second[0].ToString());
        Assert.Contains("proof: valid on etc", second[0].StdOut);
        Assert.True(second[1].ExitCode == 1, second[1].ToString());
        Assert.Contains("proof: INVALID on etc", second[1].StdOut);
        Assert.Contains("differs from the proven value", second[1].StdOut);
        Assert.True(second[2].ExitCode == 1, second[2].ToString());
        Assert.Contains("verifyState refuses", second[2].StdOut);
        Assert.True(second[3].ExitCode == 1, second[3].ToString());
        Assert.Contains($"height {etcHeight - 1} of the document is not anchored on etc", second[3].StdErr);
        Assert.True(second[4].ExitCode == 0, second[4].ToString());
        Assert.Contains("certified by more than 2/3 of the power of the trusted set (genesis file", second[4].StdOut);
        Assert.True(second[5].ExitCode == 1, second[5].ToString());
        Assert.Contains("does not verify", second[5].StdOut);
        Assert.True(second[6].ExitCode == 0, second[6].ToString());
        Assert.Contains("certified by more than 2/3 of the power of the trusted set", second[6].StdOut);
        Assert.True(second[7].ExitCode == 0, second[7].ToString());
        Assert.Contains($"proof: valid on etc (EVM chain id 63) contract {fixture.EtcContract.Address} at anchored height {etcHeight}", second[7].StdOut);

        // What a document follows validator-set changes with: GetValidators proves the set of a height in the state of the block before it.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.NodeUrl);
        var api = new NodeApi.NodeApiClient(channel);
        var set = await api.GetValidatorsAsync(new GetValidatorsRequest { Height = etcHeight, Prove = true });
        var before = await api.GetBlockAsync(new GetBlockRequest { Height = etcHeight - 1 });
        Assert.NotNull(set.Proof);
        Assert.True(Seratio.Core.State.StateProofVerifier.Verify(new Hash32(before.Block.Header.StateRoot.Span), set.Proof, out var why), why);
        Assert.Equal(Seratio.Vm.Modules.Validators.ValidatorKeys.Next().ToByteString(), set.Proof.Key);
        var proven = Seratio.Consensus.Validators.ValidatorSet.FromState(ValidatorSetState.Parser.ParseFrom(set.Proof.Value));
        Assert.Equal(set.ValidatorsHash.ToByteArray(), proven.Hash.ToArray());
        Assert.Empty(JsonNode.Parse(saved)!["validator_changes"]!.AsArray()); // the devnet's set never changed
    }
}
