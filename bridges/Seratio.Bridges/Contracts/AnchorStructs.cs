using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Seratio.Bridges.Contracts;

/// <summary>ABI form of <c>SeratioAnchor.Checkpoint</c>. A mutable DTO for Nethereum's encoder; not thread safe.</summary>
[Struct("Checkpoint")]
public sealed class CheckpointArgument
{
    [Parameter("string", "seratioChainId", 1)] public string SeratioChainId { get; set; } = "";
    [Parameter("uint64", "height", 2)] public ulong Height { get; set; }
    [Parameter("bytes32", "blockHash", 3)] public byte[] BlockHash { get; set; } = new byte[32];
    [Parameter("bytes32", "stateRoot", 4)] public byte[] StateRoot { get; set; } = new byte[32];
    [Parameter("bytes32", "anchorSetHash", 5)] public byte[] AnchorSetHash { get; set; } = new byte[32];
    [Parameter("bytes32", "nextAnchorSetHash", 6)] public byte[] NextAnchorSetHash { get; set; } = new byte[32];
}

/// <summary>ABI form of <c>SeratioAnchor.Signature</c>. A mutable DTO; not thread safe.</summary>
[Struct("Signature")]
public sealed class SignatureArgument
{
    [Parameter("uint8", "v", 1)] public byte V { get; set; }
    [Parameter("bytes32", "r", 2)] public byte[] R { get; set; } = new byte[32];
    [Parameter("bytes32", "s", 3)] public byte[] S { get; set; } = new byte[32];
}

/// <summary>
/// ABI form of <c>StateProofs.StateProof</c>: field for field the <c>seratio.v1.StateProof</c>
/// message (docs/state-proofs.md), byte fields unconverted so the contract sees wrong lengths.
/// A mutable DTO; not thread safe.
/// </summary>
[Struct("StateProof")]
public sealed class StateProofArgument
{
    [Parameter("bytes", "key", 1)] public byte[] Key { get; set; } = [];
    [Parameter("bool", "exists", 2)] public bool Exists { get; set; }
    [Parameter("bytes", "value", 3)] public byte[] Value { get; set; } = [];
    [Parameter("bytes", "otherLeafKey", 4)] public byte[] OtherLeafKey { get; set; } = [];
    [Parameter("bytes", "otherLeafValueHash", 5)] public byte[] OtherLeafValueHash { get; set; } = [];
    [Parameter("uint32", "depth", 6)] public uint Depth { get; set; }
    [Parameter("bytes", "siblingBitmap", 7)] public byte[] SiblingBitmap { get; set; } = [];
    [Parameter("bytes[]", "siblings", 8)] public List<byte[]> Siblings { get; set; } = [];

    /// <summary>The contract's form of a proof the node or the CLI produced.</summary>
    public static StateProofArgument From(Seratio.Protocol.StateProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new StateProofArgument
        {
            Key = proof.Key.ToByteArray(),
            Exists = proof.Exists,
            Value = proof.Value.ToByteArray(),
            OtherLeafKey = proof.OtherLeafKey.ToByteArray(),
            OtherLeafValueHash = proof.OtherLeafValueHash.ToByteArray(),
            Depth = proof.Depth,
            SiblingBitmap = proof.SiblingBitmap.ToByteArray(),
            Siblings = [.. proof.Siblings.Select(s => s.ToByteArray())],
        };
    }
}
