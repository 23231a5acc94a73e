using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Signing;

/// <summary>
/// The last (height, round, step) a validator signed and the block hash it signed there.
/// Ordered by height, then round, then step. Immutable value.
/// </summary>
public readonly record struct SignerState(ulong Height, uint Round, VoteStep Step, Hash32 BlockHash)
{
    /// <summary>Compares (height, round, step) only.</summary>
    public int CompareHrs(in SignerState other)
    {
        int c = Height.CompareTo(other.Height);
        if (c != 0) return c;
        if ((c = Round.CompareTo(other.Round)) != 0) return c;
        return ((byte)Step).CompareTo((byte)other.Step);
    }

    public override string ToString() => $"{Height}/{Round}/{Step} {BlockHash}";
}

/// <summary>What a signer persisted: its last signed state and the encoded block signed there (a one-entry consensus WAL).</summary>
public sealed record SignerRecord(SignerState State, ReadOnlyMemory<byte> PendingBlock);
