using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.IntegrationTests.Cli;
using Seratio.Protocol;
using static Seratio.IntegrationTests.Bridges.AnchoredCertificateFixture;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, "verification without trusting a node": a certificate issued on a real devnet, anchored by the real relayers
/// on two real anvils (<see cref="AnchoredCertificateFixture"/>), is proven by <c>seratio cert verify --on eth</c> and
/// <c>--on etc</c> as CLI processes (the contract's <c>verifyState</c> by eth_call); a tampered document is refused with
/// a reason; the same document is checked offline against the devnet's genesis validators (<c>--trust</c>), where a
/// forged commit is refused. Account, microshare lot and provenance proofs go through the same checker.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class AnchoredVerifyTests(AnchoredCertificateFixture fixture) : IClassFixture<AnchoredCertificateFixture>
{
    private const string Nowhere = "http://127.0.0.1:1";

    private static void AssertExit(int expected, CliResult result) => Assert.True(result.ExitCode == expected, result.ToString());

    [Fact]
    public async Task ARealCertificate_IsProvenOnBothChains_AgainstTheRootEachContractAnchored()
    {
        // Before the relayers ran: a failure that says so.
        AssertExit(1, fixture.BeforeAnchoring);
        Assert.Contains("nothing is anchored on eth (EVM chain id 1337)", fixture.BeforeAnchoring.StdErr);

        var runs = await Task.WhenAll(
            fixture.Run(["cert", "verify", "1", .. fixture.On("eth")]),
            fixture.Run(["cert", "verify", "1", .. fixture.On("etc")]),
            // --height picks the latest anchored checkpoint at or below it: none holds the certificate below its issuing height.
            fixture.Run(["cert", "verify", "1", .. fixture.On("etc"), "--height", Height(fixture.IssuedAt - 1)]),
            // A wrong contract address and an unreachable EVM node are failures with a reason, not verdicts.
            fixture.Run("cert", "verify", "1", "--on", "eth", "--rpc", fixture.Chain.Ethereum.RpcUrl, "--contract", "0x000000000000000000000000000000000000dEaD"),
            fixture.Run("cert", "verify", "1", "--on", "etc", "--rpc", Nowhere, "--contract", fixture.Chain.EtcContract.Address));

        foreach (var (result, chain, contract) in new[] { (runs[0], "eth", fixture.Chain.EthContract), (runs[1], "etc", fixture.Chain.EtcContract) })
        {
            AssertExit(0, result);
            var line = Regex.Match(result.StdOut,
                $@"(?m)^proof: valid on {chain} \(EVM chain id {(chain == "eth" ? 1337 : 63)}\) contract 0x[0-9a-fA-F]{{40}} at anchored height (\d+), state root ([0-9a-f]{{64}})$");
            Assert.True(line.Success, result.ToString());
            ulong anchored = ulong.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(anchored > fixture.IssuedAt, result.ToString());
            Assert.Equal(Convert.ToHexStringLower((await contract.CheckpointAtAsync(anchored)).StateRoot), line.Groups[2].Value);
            Assert.Contains("S/E ratio", result.StdOut);
        }
        AssertExit(1, runs[2]);
        AssertExit(1, runs[3]);
        Assert.Contains("there is no contract at 0x000000000000000000000000000000000000dEaD", runs[3].StdErr);
        AssertExit(1, runs[4]);
        Assert.Contains($"the EVM node at {Nowhere} failed eth_chainId", runs[4].StdErr);
    }

    [Fact]
    public async Task ASavedDocument_IsCheckedOnChainAndOfflineAgainstGenesis_ATamperedOrForgedOneIsNot()
    {
        var shows = await Task.WhenAll(
            fixture.Run("cert", "show", "1", "--prove", "--height", Height(fixture.EtcHeight), "-o", "json"),
            fixture.Run("cert", "show", "1", "--prove", "--height", Height(fixture.EtcHeight - 1), "-o", "json"));
        AssertExit(0, shows[0]);
        AssertExit(0, shows[1]);
        var saved = shows[0].StdOut;
        Assert.Empty(JsonNode.Parse(saved)!["validator_changes"]!.AsArray()); // the devnet's set never changed
        var honest = fixture.Write("anchored-honest.json", saved);
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

        var runs = await Task.WhenAll(
            fixture.Run(["cert", "verify", "1", "--file", honest, .. fixture.On("etc")]),
            fixture.Run(["cert", "verify", "1", "--file", fixture.Write("anchored-value.json", value.ToJsonString()), .. fixture.On("etc")]),
            fixture.Run(["cert", "verify", "1", "--file", fixture.Write("anchored-sibling.json", sibling.ToJsonString()), .. fixture.On("eth")]),
            fixture.Run(["cert", "verify", "1", "--file", fixture.Write("anchored-not.json", shows[1].StdOut), .. fixture.On("etc")]),
            // Offline: the document's commit against the genesis validators, with no node to ask.
            fixture.Cli.RunAsync("cert", "verify", "1", "--file", honest, "--trust", fixture.Genesis, "--node", Nowhere),
            fixture.Cli.RunAsync("cert", "verify", "1", "--file", fixture.Write("anchored-forged.json", forged.ToJsonString()), "--trust", fixture.Genesis, "--node", Nowhere));

        AssertExit(0, runs[0]);
        Assert.Contains("proof: valid on etc", runs[0].StdOut);
        AssertExit(1, runs[1]);
        Assert.Contains("proof: INVALID on etc", runs[1].StdOut);
        Assert.Contains("differs from the proven value", runs[1].StdOut);
        AssertExit(1, runs[2]);
        Assert.Contains("verifyState refuses", runs[2].StdOut);
        AssertExit(1, runs[3]);
        Assert.Contains($"height {fixture.EtcHeight - 1} of the document is not anchored on etc", runs[3].StdErr);
        AssertExit(0, runs[4]);
        Assert.Contains("certified by more than 2/3 of the power of the trusted set (genesis file", runs[4].StdOut);
        AssertExit(1, runs[5]);
        Assert.Contains("does not verify", runs[5].StdOut);
    }

    [Fact]
    public async Task AccountsLotsAndRecords_AreProvenThroughTheSameChecker()
    {
        var account = await fixture.Run("query", "account", Address(2), "--prove", "--height", Height(fixture.EtcHeight), "-o", "json");
        AssertExit(0, account);
        var document = fixture.Write("anchored-account.json", account.StdOut);
        var runs = await Task.WhenAll(
            fixture.Run(["proof", "verify", "--address", Address(2), .. fixture.On("eth")]),
            fixture.Run(["provenance", "verify", "1", .. fixture.On("etc")]),
            fixture.Run(["microshare", "verify", "1", .. fixture.On("eth"), "-o", "json"]),
            fixture.Cli.RunAsync("proof", "verify", document, "--trust", fixture.Genesis, "--node", Nowhere),
            fixture.Run(["proof", "verify", document, .. fixture.On("etc")]));

        AssertExit(0, runs[0]);
        Assert.Contains("proof: valid on eth", runs[0].StdOut);
        AssertExit(0, runs[1]);
        Assert.Contains("proof: valid on etc", runs[1].StdOut);
        AssertExit(0, runs[2]);
        Assert.True(runs[2].Json().GetProperty("valid").GetBoolean(), runs[2].ToString());
        Assert.Equal("1000", runs[2].Json().GetProperty("value").GetProperty("flags").GetProperty("originAmount").GetString());
        AssertExit(0, runs[3]);
        Assert.Contains("certified by more than 2/3 of the power of the trusted set", runs[3].StdOut);
        AssertExit(0, runs[4]);
        Assert.Contains($"proof: valid on etc (EVM chain id 63) contract {fixture.Chain.EtcContract.Address} at anchored height {fixture.EtcHeight}", runs[4].StdOut);

        // What documents follow validator-set changes with: GetValidators proves the set of a height in the state of the block before it.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Chain.NodeUrl);
        var api = new NodeApi.NodeApiClient(channel);
        var set = await api.GetValidatorsAsync(new GetValidatorsRequest { Height = fixture.EtcHeight, Prove = true });
        var before = await api.GetBlockAsync(new GetBlockRequest { Height = fixture.EtcHeight - 1 });
        Assert.NotNull(set.Proof);
        Assert.Equal(Seratio.Vm.Modules.Validators.ValidatorKeys.Next().ToByteString(), set.Proof.Key);
        Assert.True(Seratio.Core.State.StateProofVerifier.Verify(new Hash32(before.Block.Header.StateRoot.Span), set.Proof, out var why), why);
        var proven = Seratio.Consensus.Validators.ValidatorSet.FromState(ValidatorSetState.Parser.ParseFrom(set.Proof.Value));
        Assert.Equal(set.ValidatorsHash.ToByteArray(), proven.Hash.ToArray());
    }
    /// <summary>
    /// A contract of another Seratio network, signed by the same anchor keys at the same height with the same block hash
    /// and root, is refused by name: the contract's seratioChainId is compared with the block's chain id.
    /// </summary>
    [Fact]
    public async Task AContractOfAnotherSeratioNetwork_IsRefusedByName()
    {
        const string other = "seratio-other-1";
        var contract = await Seratio.Bridges.Contracts.AnchorContract.DeployAsync(
            fixture.Chain.Classic.Web3For(Seratio.Bridges.Anvil.AnvilNode.FundedTestKey), fixture.Chain.Artifacts, other, fixture.Chain.Genesis.Set);
        var record = await fixture.Chain.CheckpointAsync(fixture.EtcHeight);
        var checkpoint = new Seratio.Bridges.Checkpoints.Checkpoint(other, record.Height, record.BlockHash.ToByteArray(), record.StateRoot.ToByteArray(),
            record.AnchorSetHash.ToByteArray(), record.AnchorSetHash.ToByteArray());
        // Every validator of the fixture's devnet signs, with the anchor key devnet gave it.
        var keys = Directory.GetDirectories(Path.Combine(fixture.Chain.Root, "devnet"), "validator-*")
            .Select(dir => SignedCheckpoints.AnchorKey(Path.Combine(dir, "keys", "anchor.devnet-unsafe.key")));
        await contract.SubmitAsync(SignedCheckpoints.Signed(checkpoint, keys, contract));
        Assert.Equal(fixture.EtcHeight, await contract.LastHeightAsync());

        var run = await fixture.Run("cert", "verify", "1", "--on", "etc", "--rpc", fixture.Chain.Classic.RpcUrl, "--contract", contract.Address);
        AssertExit(1, run);
        Assert.Contains($"anchors Seratio chain '{other}', not '{fixture.Chain.Genesis.ChainId}' of this block", run.StdOut);
    }
}
