using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Seratio.Bridges.Contracts;

/// <summary>The constructor call: bytecode from <see cref="AnchorArtifacts"/>, the Seratio chain id and the genesis anchor set. Mutable DTO.</summary>
public sealed class AnchorDeployment : ContractDeploymentMessage
{
    /// <summary>For Nethereum's generic handlers; set the bytecode through the other constructor.</summary>
    public AnchorDeployment() : base("") { }

    /// <summary>A deployment of <paramref name="byteCode"/> (hex).</summary>
    public AnchorDeployment(string byteCode) : base(byteCode) { }

    [Parameter("string", "chainId", 1)] public string SeratioChainId { get; set; } = "";
    [Parameter("address[]", "signers", 2)] public List<string> Signers { get; set; } = [];
    [Parameter("uint256[]", "powers", 3)] public List<BigInteger> Powers { get; set; } = [];
}

/// <summary><c>submitCheckpoint(cp, sigs, nextSigners, nextPowers)</c>. Mutable DTO.</summary>
[Function("submitCheckpoint")]
public sealed class SubmitCheckpointFunction : FunctionMessage
{
    [Parameter("tuple", "cp", 1)] public CheckpointArgument Checkpoint { get; set; } = new();
    [Parameter("tuple[]", "sigs", 2)] public List<SignatureArgument> Signatures { get; set; } = [];
    [Parameter("address[]", "nextSigners", 3)] public List<string> NextSigners { get; set; } = [];
    [Parameter("uint256[]", "nextPowers", 4)] public List<BigInteger> NextPowers { get; set; } = [];
}

/// <summary><c>verifyState(height, proof) returns (bool)</c>. Mutable DTO.</summary>
[Function("verifyState", "bool")]
public sealed class VerifyStateFunction : FunctionMessage
{
    [Parameter("uint64", "height", 1)] public ulong Height { get; set; }
    [Parameter("tuple", "proof", 2)] public StateProofArgument Proof { get; set; } = new();
}

/// <summary><c>verifyProof(root, proof) returns (bool)</c>. Mutable DTO.</summary>
[Function("verifyProof", "bool")]
public sealed class VerifyProofFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = new byte[32];
    [Parameter("tuple", "proof", 2)] public StateProofArgument Proof { get; set; } = new();
}

/// <summary><c>checkpointDigest(cp) returns (bytes32)</c>. Mutable DTO.</summary>
[Function("checkpointDigest", "bytes32")]
public sealed class CheckpointDigestFunction : FunctionMessage
{
    [Parameter("tuple", "cp", 1)] public CheckpointArgument Checkpoint { get; set; } = new();
}

/// <summary><c>anchorSetHash() returns (bytes32)</c>. Mutable DTO.</summary>
[Function("anchorSetHash", "bytes32")]
public sealed class AnchorSetHashFunction : FunctionMessage;

/// <summary><c>lastHeight() returns (uint64)</c>. Mutable DTO.</summary>
/// <summary><c>seratioChainId()</c>: the Seratio chain whose checkpoints the contract anchors (its constructor's argument).</summary>
[Function("seratioChainId", "string")]
public sealed class SeratioChainIdFunction : FunctionMessage;

[Function("lastHeight", "uint64")]
public sealed class LastHeightFunction : FunctionMessage;

/// <summary><c>epoch() returns (uint256)</c>. Mutable DTO.</summary>
[Function("epoch", "uint256")]
public sealed class EpochFunction : FunctionMessage;

/// <summary><c>checkpointAt(height) returns (bytes32 stateRoot, bytes32 blockHash)</c>. Mutable DTO.</summary>
[Function("checkpointAt", typeof(CheckpointAtOutput))]
public sealed class CheckpointAtFunction : FunctionMessage
{
    [Parameter("uint64", "height", 1)] public ulong Height { get; set; }
}

/// <summary>What <c>checkpointAt</c> returns. Mutable DTO.</summary>
[FunctionOutput]
public sealed class CheckpointAtOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "stateRoot", 1)] public byte[] StateRoot { get; set; } = new byte[32];
    [Parameter("bytes32", "blockHash", 2)] public byte[] BlockHash { get; set; } = new byte[32];
}

/// <summary><c>powerOf(signer) returns (uint256)</c>: the signer's power in the current anchor set, 0 when absent. Mutable DTO.</summary>
[Function("powerOf", "uint256")]
public sealed class PowerOfFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)] public string Signer { get; set; } = "";
}

/// <summary><c>totalPower() returns (uint256)</c>: the current anchor set's total power. Mutable DTO.</summary>
[Function("totalPower", "uint256")]
public sealed class TotalPowerFunction : FunctionMessage;
