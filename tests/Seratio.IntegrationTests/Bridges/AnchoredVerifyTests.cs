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
/// offline against the devnet's genesis validators (<c>--trust</c>), where a forged commit is refused. Account and
/// provenance proofs go through the same checker.
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
        // A certificate, an entity's provenance record, as README's story issues them.
        await Ok("cert", "method-register", "anchored-sroi", "--version", "1", "--description", "SROI", "--document-hash", Hash, "--from", Key(0), "--wait");
        await Ok("role", "grant", Address(1), "issuer", "--method", "anchored-sroi", "--from", Key(0), "--wait");
        await Ok("entity", "register", "--kind", "project", "--name", "Wetlands Trust", "--from", Key(2), "--wait");
        var issued = await Ok("cert", "issue", "--subject", "1", "--period-start", "2025-01-01", "--period-end", "2026-01-01",
            "--social-value", "300", "--financial-value", "100", "--scale", "0", "--social-unit", "GBP", "--currency", "GBP",
            "--method", "anchored-sroi", "--method-version", "1", "--evidence-uri", "ipfs://wetlands", "--evidence-hash", Hash,
            "--valid-until", "2099-01-01", "--from", Key(1), "--wait", "-o", "json");
        ulong issuedAt = issued.Json().GetProperty("receipt").GetProperty("height").GetUInt64();
        var appended = await Ok("provenance", "append", "--entity", "1", "--kind", "object", "--item", "wetland-plot-7", "--step", "planting", "--from", Key(2), "--wait", "-o", "json");
        ulong lastWrite = appended.Json().GetProperty("receipt").GetProperty("height").GetUInt64();

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

        // The certificate's proof at the latest anchored height, checked by each contract.
        foreach (var chain in new[] { "eth", "etc" })
        {
            var text = await Ok(["cert", "verify", "1", .. On(chain)]);
            Assert.Matches($@"(?m)^proof: valid on {chain} \(EVM chain id {(chain == "eth" ? 1337 : 63)}\) contract 0x[0-9a-fA-F]{{40}} at anchored height \d+, state root [0-9a-f]{{64}}$", text.StdOut);
            Assert.Contains("ratio", text.StdOut);
            var json = (await Ok(["cert", "verify", "1", .. On(chain), "-o", "json"])).Json();
            Assert.True(json.GetProperty("valid").GetBoolean());
            var verdict = json.GetProperty("verdict");
            Assert.Equal(chain, verdict.GetProperty("chain").GetString());
            ulong anchored = verdict.GetProperty("anchored_height").GetUInt64();
            var contract = chain == "eth" ? fixture.EthContract : fixture.EtcContract;
            Assert.Equal(Convert.ToHexStringLower((await contract.CheckpointAtAsync(anchored)).StateRoot), verdict.GetProperty("state_root").GetString());
            Assert.True(anchored > issuedAt);
        }

        // --height picks the latest anchored checkpoint at or below it: the certificate did not exist below its issuing height.
        var below = await Run(["cert", "verify", "1", .. On("etc"), "--height", (issuedAt - 1).ToString(CultureInfo.InvariantCulture)]);
        Assert.NotEqual(0, below.ExitCode);

        // A saved document at the anchored height of etc.
        ulong etcHeight = await fixture.EtcContract.LastHeightAsync();
        var saved = (await Ok("cert", "show", "1", "--prove", "--height", etcHeight.ToString(CultureInfo.InvariantCulture), "-o", "json")).StdOut;
        var honest = Write("anchored-honest.json", saved);
        Assert.Contains("proof: valid on etc", (await Ok(["cert", "verify", "1", "--file", honest, .. On("etc")])).StdOut);

        var value = JsonNode.Parse(saved)!;
        value["certificate"]!["social_value"] = "3000";
        var tamperedValue = await Run(["cert", "verify", "1", "--file", Write("anchored-value.json", value.ToJsonString()), .. On("etc")]);
        Assert.True(tamperedValue.ExitCode == 1, tamperedValue.ToString());
        Assert.Contains("proof: INVALID on etc", tamperedValue.StdOut);
        Assert.Contains("differs from the proven value", tamperedValue.StdOut);

        var sibling = JsonNode.Parse(saved)!;
        var s0 = sibling["proof"]!["siblings"]![0]!.GetValue<string>();
        sibling["proof"]!["siblings"]![0] = (s0[0] == '0' ? "1" : "0") + s0[1..];
        var tamperedProof = await Run(["cert", "verify", "1", "--file", Write("anchored-sibling.json", sibling.ToJsonString()), .. On("eth")]);
        Assert.True(tamperedProof.ExitCode == 1, tamperedProof.ToString());
        Assert.Contains("verifyState refuses", tamperedProof.StdOut);

        // A document of a height that is not anchored says so.
        var unanchored = (await Ok("cert", "show", "1", "--prove", "--height", (etcHeight - 1).ToString(CultureInfo.InvariantCulture), "-o", "json")).StdOut;
        var notAnchored = await Run(["cert", "verify", "1", "--file", Write("anchored-not.json", unanchored), .. On("etc")]);
        Assert.True(notAnchored.ExitCode == 1, notAnchored.ToString());
        Assert.Contains($"height {etcHeight - 1} of the document is not anchored on etc", notAnchored.StdErr);

        // Offline: the document's commit against the genesis validators, with no node to ask.
        var offline = await _cli.RunAsync("cert", "verify", "1", "--file", honest, "--trust", Genesis, "--node", "http://127.0.0.1:1");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Contains("certified by more than 2/3 of the power of the trusted set (genesis file", offline.StdOut);

        var forged = JsonNode.Parse(saved)!;
        var commit = Commit.Parser.ParseFrom(Convert.FromHexString(forged["block"]!["commit"]!.GetValue<string>()));
        var signature = commit.Signatures[0].Signature.ToByteArray();
        signature[0] ^= 1;
        commit.Signatures[0].Signature = ByteString.CopyFrom(signature);
        forged["block"]!["commit"] = Convert.ToHexStringLower(commit.ToByteArray());
        var refused = await _cli.RunAsync("cert", "verify", "1", "--file", Write("anchored-forged.json", forged.ToJsonString()), "--trust", Genesis, "--node", "http://127.0.0.1:1");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("does not verify", refused.StdOut);

        // Accounts and provenance records use the same checker.
        Assert.Contains("proof: valid on eth", (await Ok(["proof", "verify", "--address", Address(2), .. On("eth")])).StdOut);
        Assert.Contains("proof: valid on etc", (await Ok(["provenance", "verify", "1", .. On("etc")])).StdOut);

        // A wrong contract address and an unreachable EVM node are failures with a reason, not verdicts.
        var noCode = await Run("cert", "verify", "1", "--on", "eth", "--rpc", fixture.Ethereum.RpcUrl, "--contract", "0x000000000000000000000000000000000000dEaD");
        Assert.True(noCode.ExitCode == 1, noCode.ToString());
        Assert.Contains("there is no contract at 0x000000000000000000000000000000000000dEaD", noCode.StdErr);
        var down = await Run("cert", "verify", "1", "--on", "etc", "--rpc", "http://127.0.0.1:1", "--contract", fixture.EtcContract.Address);
        Assert.True(down.ExitCode == 1, down.ToString());
        Assert.Contains("the EVM node at http://127.0.0.1:1 failed eth_chainId", down.StdErr);
        var usage = await Run("cert", "verify", "1", "--on", "eth");
        Assert.Equal(2, usage.ExitCode);
    }
}
