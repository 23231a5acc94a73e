using System.Globalization;
using System.Numerics;
using System.Text;
using Google.Protobuf;
using Nethereum.Contracts;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Tests.Infrastructure;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Xunit.Abstractions;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>
/// Gas of the anchor contract on real anvil (issue 10's performance section), printed as the
/// tables of benchmarks/RESULTS.md, with the target (verifyState of a depth-32 proof
/// under 30,000 gas of execution) asserted. Run with
/// <c>dotnet test tests/Seratio.Bridges.Tests -c Release --no-build --filter "FullyQualifiedName~AnchorGasTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class AnchorGasTests(AnvilPair anvil, ITestOutputHelper output)
{
    private const int IntrinsicGas = 21_000;

    [Fact]
    public async Task VerifyState_ByProofDepth_StaysUnderTheTarget()
    {
        var keys = AnchorKeys.Create("gas", 1);
        var contract = await anvil.DeployAsync(anvil.Classic, Submissions.ChainId, keys.Set);
        var rows = new StringBuilder();
        rows.AppendLine("| proof depth (siblings) | calldata bytes | tx gas (shanghai) | execution gas (tx − 21,000 − calldata) |");
        rows.AppendLine("|---:|---:|---:|---:|");
        long depth32Execution = 0;
        ulong height = 0;
        foreach (var depth in new[] { 1, 8, 16, 20, 32, 64, 128, 256 })
        {
            var (root, proof) = FullProof(depth);
            var cp = Submissions.At(++height, keys.Set, root);
            await contract.SubmitAsync(Submissions.Call(cp, keys.SignAll(cp, contract)));
            var call = new VerifyStateFunction { Height = height, Proof = proof };
            Assert.True(await contract.VerifyStateAsync(height, proof), $"depth {depth}: the proof must verify");

            var receipt = await contract.SendAsTransactionAsync(call);
            var data = call.GetCallData();
            long txGas = (long)receipt.GasUsed.Value;
            long execution = txGas - IntrinsicGas - CalldataGas(data);
            if (depth == 32) depth32Execution = execution;
            rows.AppendLine(CultureInfo.InvariantCulture, $"| {depth} | {data.Length} | {txGas:N0} | {execution:N0} |");
        }
        output.WriteLine("verifyState on the Ethereum Classic anvil (--hardfork shanghai), membership proofs with a sibling at every level:");
        output.WriteLine(rows.ToString());
        Assert.True(depth32Execution is > 0 and < 30_000, $"verifyState of a depth-32 proof costs {depth32Execution} gas of execution; the target is under 30,000");
    }

    [Fact]
    public async Task SubmitCheckpoint_With4And21Signers()
    {
        var rows = new StringBuilder();
        rows.AppendLine("| chain | anchor set | signatures | tx gas |");
        rows.AppendLine("|---|---:|---:|---:|");
        foreach (var node in new[] { anvil.Ethereum, anvil.Classic })
        {
            foreach (var size in new[] { 4, 21 })
            {
                var keys = AnchorKeys.Create($"gas-{size}", [.. Enumerable.Repeat(10UL, size)]);
                var contract = await anvil.DeployAsync(node, Submissions.ChainId, keys.Set);
                int quorum = size * 2 / 3 + 1;
                ulong height = 0;
                foreach (var signing in new[] { quorum, size })
                {
                    // the first checkpoint writes a fresh lastHeight slot: warm the contract with one first
                    var warm = Submissions.At(++height, keys.Set);
                    await contract.SubmitAsync(Submissions.Call(warm, keys.SignAll(warm, contract)));
                    var cp = Submissions.At(++height, keys.Set);
                    var receipt = await contract.SubmitAsync(Submissions.Call(cp, keys.Sign(cp, contract, [.. Enumerable.Range(0, signing)])));
                    rows.AppendLine(CultureInfo.InvariantCulture, $"| {node.Chain.Name} ({node.Chain.ChainId}) | {size} | {signing} | {(long)receipt.GasUsed.Value:N0} |");
                }
            }
        }
        output.WriteLine("submitCheckpoint, no set change, powers equal:");
        output.WriteLine(rows.ToString());
    }

    /// <summary>
    /// A tree holding a key K and, for every level d below <paramref name="depth"/>, K with bit
    /// d flipped: K's leaf sits at <paramref name="depth"/> with a sibling at every level.
    /// Built and proven by Seratio.Core's tree, and checked by its verifier.
    /// </summary>
    private static (byte[] Root, StateProofArgument Proof) FullProof(int depth)
    {
        var key = Hash32.Sha256(Encoding.ASCII.GetBytes($"gas-key-{depth}"));
        var keys = new List<Hash32> { key };
        for (int d = 0; d < depth; d++)
        {
            var bytes = key.ToArray();
            bytes[d >> 3] ^= (byte)(0x80 >> (d & 7));
            keys.Add(new Hash32(bytes));
        }
        keys.Sort();
        var changes = keys.Select((k, i) => new KeyValuePair<Hash32, Hash32?>(k, SparseMerkleTree.HashValue(Value(k)))).ToList();
        var source = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(source);
        var update = tree.Update(Hash32.Zero, changes);
        source.Add(update.NewNodes);
        var proof = tree.Prove(update.Root, key);
        proof.Value = ByteString.CopyFrom(Value(key));
        Assert.True(StateProofVerifier.Verify(update.Root, proof, out var reason), reason);
        Assert.Equal((uint)depth, proof.Depth);
        Assert.Equal(depth, proof.Siblings.Count);
        return (update.Root.ToArray(), StateProofArgument.From(proof));
    }

    private static byte[] Value(Hash32 key) => Encoding.ASCII.GetBytes("certificate " + key.ToString()[..16]);

    /// <summary>EIP-2028 calldata gas: 4 per zero byte, 16 per other byte.</summary>
    private static long CalldataGas(byte[] data) => data.Sum(b => b == 0 ? 4L : 16L);
}
