using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Nethereum.Signer;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;

namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>
/// A test's validators: deterministic secp256k1 anchor keys (SHA-256 of a label and an index)
/// with powers, their <see cref="AnchorSet"/>, and helpers that sign checkpoints with any of
/// them in the order the contract wants (ascending address). Immutable, thread safe.
/// </summary>
public sealed class AnchorKeys
{
    private readonly List<(CheckpointSigner Signer, ulong Power)> _members;

    private AnchorKeys(List<(CheckpointSigner, ulong)> members)
    {
        _members = members;
        Set = AnchorSet.Create(members.Select(m => (m.Item1.Address, m.Item2)));
    }

    /// <summary>The anchor set of all members.</summary>
    public AnchorSet Set { get; }

    /// <summary>The members sorted by address.</summary>
    public IReadOnlyList<(CheckpointSigner Signer, ulong Power)> Members => _members;

    /// <summary><paramref name="powers"/>.Length validators whose keys derive from <paramref name="label"/>.</summary>
    public static AnchorKeys Create(string label, params ulong[] powers)
    {
        var members = new List<(CheckpointSigner, ulong)>();
        for (int i = 0; i < powers.Length; i++)
        {
            var secret = SHA256.HashData(Encoding.UTF8.GetBytes($"seratio-anchor-test/{label}/{i}"));
            members.Add((new CheckpointSigner(new EthECKey(secret, true)), powers[i]));
        }
        members.Sort((a, b) => BigInteger.Parse("0" + a.Item1.Address[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(BigInteger.Parse("0" + b.Item1.Address[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)));
        return new AnchorKeys(members);
    }

    /// <summary>Signatures of the members at <paramref name="indexes"/> (in the given order) for <paramref name="contract"/>.</summary>
    public List<SignatureArgument> Sign(Checkpoint checkpoint, AnchorContract contract, params int[] indexes) =>
        SignFor(checkpoint, contract.EvmChainId, contract.Address, indexes);

    /// <summary>Signatures for an arbitrary EIP-712 domain (another chain, another contract).</summary>
    public List<SignatureArgument> SignFor(Checkpoint checkpoint, long evmChainId, string contractAddress, params int[] indexes) =>
        [.. indexes.Select(i => ToArgument(_members[i].Signer.Sign(checkpoint, evmChainId, contractAddress)))];

    /// <summary>Signatures of every member, ascending.</summary>
    public List<SignatureArgument> SignAll(Checkpoint checkpoint, AnchorContract contract) =>
        Sign(checkpoint, contract, [.. Enumerable.Range(0, _members.Count)]);

    /// <summary>The ABI form of a signature.</summary>
    public static SignatureArgument ToArgument(CheckpointSignature signature) => new() { V = signature.V, R = signature.R, S = signature.S };
}
