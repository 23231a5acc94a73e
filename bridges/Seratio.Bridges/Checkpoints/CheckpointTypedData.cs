using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Util;

namespace Seratio.Bridges.Checkpoints;

/// <summary>
/// The EIP-712 digest that anchor keys sign for a checkpoint, computed here byte for byte as
/// the contract computes it (docs/anchoring.md): domain {name "SeratioAnchor", version "1",
/// chainId, verifyingContract}, primary type <see cref="TypeString"/>. Stateless, thread safe.
/// </summary>
public static class CheckpointTypedData
{
    /// <summary>The EIP-712 encoding of the Checkpoint type.</summary>
    public const string TypeString =
        "Checkpoint(string seratioChainId,uint64 height,bytes32 blockHash,bytes32 stateRoot,bytes32 anchorSetHash,bytes32 nextAnchorSetHash)";

    /// <summary>The EIP-712 encoding of the domain type.</summary>
    public const string DomainTypeString = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    /// <summary>The domain name.</summary>
    public const string DomainName = "SeratioAnchor";

    /// <summary>The domain version.</summary>
    public const string DomainVersion = "1";

    /// <summary>keccak256(abi.encode(domain type hash, keccak256(name), keccak256(version), chainId, contract)).</summary>
    public static byte[] DomainSeparator(long evmChainId, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(contractAddress);
        return Keccak(Words(
            Keccak(DomainTypeString),
            Keccak(DomainName),
            Keccak(DomainVersion),
            Word(evmChainId),
            AddressWord(contractAddress)));
    }

    /// <summary>keccak256(abi.encode(type hash, keccak256(seratioChainId), height, blockHash, stateRoot, anchorSetHash, nextAnchorSetHash)).</summary>
    public static byte[] StructHash(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Keccak(Words(
            Keccak(TypeString),
            Keccak(checkpoint.SeratioChainId),
            Word(checkpoint.Height),
            Hash32(checkpoint.BlockHash, nameof(checkpoint.BlockHash)),
            Hash32(checkpoint.StateRoot, nameof(checkpoint.StateRoot)),
            Hash32(checkpoint.AnchorSetHash, nameof(checkpoint.AnchorSetHash)),
            Hash32(checkpoint.NextAnchorSetHash, nameof(checkpoint.NextAnchorSetHash))));
    }

    /// <summary>keccak256(0x19 0x01 || domain separator || struct hash): what ecrecover sees.</summary>
    public static byte[] Digest(Checkpoint checkpoint, long evmChainId, string contractAddress) =>
        Keccak([0x19, 0x01, .. DomainSeparator(evmChainId, contractAddress), .. StructHash(checkpoint)]);

    private static byte[] Words(params byte[][] words) => [.. words.SelectMany(w => w)];

    private static byte[] Word(BigInteger value)
    {
        var word = new byte[32];
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }

    private static byte[] AddressWord(string address)
    {
        var hex = address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? address[2..] : address;
        if (hex.Length != 40) throw new ArgumentException($"'{address}' is not a 20-byte hex address", nameof(address));
        return Word(BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static byte[] Hash32(byte[] value, string name) =>
        value is { Length: 32 } ? value : throw new ArgumentException($"{name} must be 32 bytes", name);

    private static byte[] Keccak(string text) => Keccak(Encoding.UTF8.GetBytes(text));

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
}
