using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;

namespace Seratio.Bridges.Tests.Infrastructure;

/// <summary>Builds checkpoints and submitCheckpoint calls for tests. Stateless.</summary>
public static class Submissions
{
    /// <summary>The Seratio chain id the tests anchor.</summary>
    public const string ChainId = "seratio-anchor-test";

    /// <summary>A deterministic 32-byte hash named by <paramref name="label"/>.</summary>
    public static byte[] FakeHash(string label) => SHA256.HashData(Encoding.UTF8.GetBytes(label));

    /// <summary>A checkpoint at <paramref name="height"/> keeping <paramref name="set"/>, with block hash and root named by the height.</summary>
    public static Checkpoint At(ulong height, AnchorSet set, byte[]? stateRoot = null) =>
        Checkpoint.Unchanged(ChainId, height, FakeHash($"block {height}"), stateRoot ?? FakeHash($"root {height}"), set);

    /// <summary>The ABI form of a checkpoint.</summary>
    public static CheckpointArgument ToArgument(Checkpoint cp) => new()
    {
        SeratioChainId = cp.SeratioChainId,
        Height = cp.Height,
        BlockHash = cp.BlockHash,
        StateRoot = cp.StateRoot,
        AnchorSetHash = cp.AnchorSetHash,
        NextAnchorSetHash = cp.NextAnchorSetHash,
    };

    /// <summary>A submitCheckpoint call with no set change.</summary>
    public static SubmitCheckpointFunction Call(Checkpoint cp, List<SignatureArgument> signatures) =>
        new() { Checkpoint = ToArgument(cp), Signatures = signatures };

    /// <summary>A submitCheckpoint call handing over to <paramref name="next"/>.</summary>
    public static SubmitCheckpointFunction Handover(Checkpoint cp, List<SignatureArgument> signatures, AnchorSet next) =>
        new()
        {
            Checkpoint = ToArgument(cp),
            Signatures = signatures,
            NextSigners = [.. next.Addresses],
            NextPowers = [.. next.Powers.Select(p => new BigInteger(p))],
        };
}
