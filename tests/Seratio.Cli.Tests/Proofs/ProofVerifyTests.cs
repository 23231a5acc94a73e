using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Cli.Proofs;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Cli.Tests.Proofs;

public sealed class ProofVerifyTests : IDisposable
{
    private static readonly Address Account = Address.Parse("ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh");
    private static readonly Address Neighbour = Address.Parse("ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Encoded(ulong nonce, string balance) => new AccountState { Nonce = nonce, Balance = balance }.ToByteArray();

    /// <summary>A document whose claim matches its proof value; the path itself is made up, so only claim checks can pass.</summary>
    private static JsonNode ClaimOnlyDocument()
    {
        var key = AccountKeys.Account(Account);
        var doc = AccountProofDocument.From("seratio-devnet-1", new AccountResponse
        {
            Address = Account.ToString(),
            Height = 12,
            Balance = "5000000",
            Nonce = 2,
            StateRoot = Hashing.Hash(Domains.StateNode, [1, 2, 3]).ToByteString(),
            Proof = new StateProof { Key = key.ToByteString(), Exists = true, Value = ByteString.CopyFrom(Encoded(2, "5000000")), Depth = 0 },
        });
        return JsonNode.Parse(doc.ToJson())!;
    }

    private async Task<CliRun> Verify(JsonNode doc)
    {
        var path = _dir.Write("proof.json", doc.ToJsonString());
        return await new CliRunner().RunAsync("proof", "verify", path);
    }

    [Theory]
    [InlineData("balance", "5000001", "holds balance 5000000")]
    [InlineData("nonce", "3", "holds nonce 2")]
    [InlineData("address", "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3", "is not the account key")]
    [InlineData("key", "0000000000000000000000000000000000000000000000000000000000000000", "is not the account key")]
    [InlineData("state_root", "zz", "state_root")]
    public async Task Verify_OfTamperedClaim_ExitsOneWithTheReason(string field, string value, string reason)
    {
        var doc = ClaimOnlyDocument();
        doc[field] = field == "nonce" ? JsonValue.Create(ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(value);

        var run = await Verify(doc);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("invalid: ", run.Out);
        Assert.Contains(reason, run.Out);
    }

    [Fact]
    public async Task Verify_OfTamperedProofValue_ExitsOne()
    {
        var doc = ClaimOnlyDocument();
        doc["proof"]!["value"] = Convert.ToHexStringLower(Encoded(2, "999999999"));

        var run = await Verify(doc);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds balance 999999999", run.Out);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"chain_id\":\"x\"}")]
    [InlineData("[]")]
    public async Task Verify_OfMalformedDocument_ExitsOneSayingSo(string content)
    {
        var path = _dir.Write("bad.json", content);

        var run = await new CliRunner().RunAsync("proof", "verify", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("invalid: not an account proof document", run.Out);
    }

    [Fact]
    public async Task Verify_OfMissingFile_ExitsTwo()
    {
        var run = await new CliRunner().RunAsync("proof", "verify", _dir.File("absent.json"));

        Assert.Equal(2, run.ExitCode);
    }

    /// <summary>
    /// Real proofs from the state tree: valid, then tampered sibling and root. The tree is a
    /// CONTRACT ONLY stub until the state-tree branch merges; until then this test checks that
    /// it still is one, so it starts exercising the real verifier the moment the merge lands.
    /// </summary>
    [Fact]
    public async Task Verify_OfRealTreeProof_AcceptsItAndRejectsTamperedSiblingOrRoot()
    {
        var doc = RealProofDocument();
        if (doc is null)
        {
            Assert.Throws<NotImplementedException>(() => StateProofVerifier.Verify(Hash32.Zero, new StateProof(), out _));
            return;
        }

        var valid = await Verify(doc);
        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Equal("valid", valid.Out.Trim());

        var wrongRoot = doc.DeepClone();
        wrongRoot["state_root"] = Hashing.Hash(Domains.StateNode, [9]).ToString();
        Assert.Equal(1, (await Verify(wrongRoot)).ExitCode);

        var siblings = doc["proof"]!["siblings"]!.AsArray();
        Assert.NotEmpty(siblings);
        var wrongSibling = doc.DeepClone();
        var first = (string)siblings[0]!;
        wrongSibling["proof"]!["siblings"]![0] = (first[0] == '0' ? "1" : "0") + first[1..];
        var tampered = await Verify(wrongSibling);
        Assert.Equal(1, tampered.ExitCode);
        Assert.StartsWith("invalid: the proof does not lead to state root", tampered.Out);
    }

    private static JsonNode? RealProofDocument()
    {
        var nodes = new DictionaryNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var key = AccountKeys.Account(Account);
        var value = Encoded(4, "1000000000000");
        var changes = new List<KeyValuePair<Hash32, Hash32?>>
        {
            new(key, SparseMerkleTree.HashValue(value)),
            new(AccountKeys.Account(Neighbour), SparseMerkleTree.HashValue(Encoded(0, "1"))),
        };
        changes.Sort((a, b) => a.Key.CompareTo(b.Key));
        TreeUpdate update;
        try { update = tree.Update(Hash32.Zero, changes); }
        catch (NotImplementedException) { return null; }
        foreach (var (hash, bytes) in update.NewNodes) nodes.Nodes[hash] = bytes;
        var proof = tree.Prove(update.Root, key);
        proof.Value = ByteString.CopyFrom(value);
        var doc = AccountProofDocument.From("seratio-devnet-1", new AccountResponse
        {
            Address = Account.ToString(),
            Height = 3,
            Balance = "1000000000000",
            Nonce = 4,
            StateRoot = update.Root.ToByteString(),
            Proof = proof,
        });
        return JsonNode.Parse(doc.ToJson());
    }

    private sealed class DictionaryNodeSource : ITreeNodeSource
    {
        public Dictionary<Hash32, byte[]> Nodes { get; } = [];
        public byte[]? GetNode(in Hash32 hash) => Nodes.GetValueOrDefault(hash);
    }
}
