using System.Buffers.Binary;
using System.Text;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// The EIP-712 digest a validator's anchor key signs for a checkpoint and one target, byte for byte as
/// docs/anchoring.md and the anchor contract define it: domain {name "SeratioAnchor", version "1", chainId,
/// verifyingContract}, primary type <see cref="TypeString"/>. A test checks it against
/// <c>Seratio.Bridges.Checkpoints.CheckpointTypedData</c> (the contract side). Stateless; thread safe.
/// </summary>
public static class CheckpointDigest
{
    /// <summary>The EIP-712 encoding of the Checkpoint type.</summary>
    public const string TypeString =
        "Checkpoint(string seratioChainId,uint64 height,bytes32 blockHash,bytes32 stateRoot,bytes32 anchorSetHash,bytes32 nextAnchorSetHash)";

    /// <summary>The EIP-712 encoding of the domain type.</summary>
    public const string DomainTypeString = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static readonly byte[] TypeHash = Keccak(TypeString);
    private static readonly byte[] DomainTypeHash = Keccak(DomainTypeString);
    private static readonly byte[] NameHash = Keccak("SeratioAnchor");
    private static readonly byte[] VersionHash = Keccak("1");

    /// <summary>keccak256(0x19 0x01 || domain separator || struct hash) of <paramref name="checkpoint"/> for <paramref name="target"/>.</summary>
    public static byte[] Of(CheckpointRecord checkpoint, AnchorTarget target)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(target);
        var data = new byte[2 + 64];
        data[0] = 0x19;
        data[1] = 0x01;
        DomainSeparator(target.EvmChainId, target.Contract.Span).CopyTo(data, 2);
        StructHash(checkpoint).CopyTo(data, 34);
        return AnchorCrypto.Keccak(data);
    }

    /// <summary>keccak256(abi.encode(domain type hash, keccak256(name), keccak256(version), chainId, contract)).</summary>
    public static byte[] DomainSeparator(ulong evmChainId, ReadOnlySpan<byte> contract)
    {
        if (contract.Length != AnchorCrypto.AddressSize) throw new ArgumentException("a contract address is 20 bytes", nameof(contract));
        var words = new byte[5 * 32];
        DomainTypeHash.CopyTo(words, 0);
        NameHash.CopyTo(words, 32);
        VersionHash.CopyTo(words, 64);
        BinaryPrimitives.WriteUInt64BigEndian(words.AsSpan(96 + 24), evmChainId);
        contract.CopyTo(words.AsSpan(128 + 12));
        return AnchorCrypto.Keccak(words);
    }

    /// <summary>keccak256(abi.encode(type hash, keccak256(seratioChainId), height, blockHash, stateRoot, anchorSetHash, nextAnchorSetHash)).</summary>
    public static byte[] StructHash(CheckpointRecord checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var words = new byte[7 * 32];
        TypeHash.CopyTo(words, 0);
        Keccak(checkpoint.SeratioChainId).CopyTo(words, 32);
        BinaryPrimitives.WriteUInt64BigEndian(words.AsSpan(64 + 24), checkpoint.Height);
        Word(checkpoint.BlockHash.Span, "block_hash").CopyTo(words.AsSpan(96));
        Word(checkpoint.StateRoot.Span, "state_root").CopyTo(words.AsSpan(128));
        Word(checkpoint.AnchorSetHash.Span, "anchor_set_hash").CopyTo(words.AsSpan(160));
        Word(checkpoint.NextAnchorSetHash.Span, "next_anchor_set_hash").CopyTo(words.AsSpan(192));
        return AnchorCrypto.Keccak(words);
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> value, string name) =>
        value.Length == 32 ? value : throw new ArgumentException($"{name} must be 32 bytes, got {value.Length}", name);

    private static byte[] Keccak(string text) => AnchorCrypto.Keccak(Encoding.UTF8.GetBytes(text));
}
