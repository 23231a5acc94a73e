using System.Numerics;
using Seratio.Bridges.Contracts;
using Seratio.Protocol;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// A checkpoint the Seratio chain marked ready for one target, turned into the contract's <c>submitCheckpoint</c> call:
/// signatures sorted by signer address (the contract wants them strictly ascending), and on a handover the next set.
/// Immutable.
/// </summary>
public sealed class ReadyCheckpoint
{
    private readonly CheckpointRecord _record;
    private readonly CheckpointTargetState _target;

    private ReadyCheckpoint(CheckpointRecord record, CheckpointTargetState target)
    {
        _record = record;
        _target = target;
    }

    /// <summary>The Seratio height.</summary>
    public ulong Height => _record.Height;

    /// <summary>True when the checkpoint hands the anchor set over (next set hash differs): it must never be skipped.</summary>
    public bool IsHandover => !_record.NextAnchorSetHash.Span.SequenceEqual(_record.AnchorSetHash.Span);

    /// <summary>The ready state of <paramref name="target"/> in <paramref name="record"/>, or null when it is not ready there.</summary>
    public static ReadyCheckpoint? For(CheckpointRecord record, string target)
    {
        ArgumentNullException.ThrowIfNull(record);
        var state = record.Targets.FirstOrDefault(t => t.Target?.Name == target);
        return state is { Ready: true } ? new ReadyCheckpoint(record, state) : null;
    }

    /// <summary>The contract call.</summary>
    public SubmitCheckpointFunction ToCall()
    {
        var call = new SubmitCheckpointFunction
        {
            Checkpoint = new CheckpointArgument
            {
                SeratioChainId = _record.SeratioChainId,
                Height = _record.Height,
                BlockHash = _record.BlockHash.ToByteArray(),
                StateRoot = _record.StateRoot.ToByteArray(),
                AnchorSetHash = _record.AnchorSetHash.ToByteArray(),
                NextAnchorSetHash = _record.NextAnchorSetHash.ToByteArray(),
            },
            Signatures = [.. _target.Signatures
                .OrderBy(s => Convert.ToHexStringLower(s.Signer.Span), StringComparer.Ordinal)
                .Select(s => new SignatureArgument
                {
                    R = s.Signature.Span[..32].ToArray(),
                    S = s.Signature.Span[32..64].ToArray(),
                    V = s.Signature.Span[64],
                })],
        };
        if (IsHandover)
        {
            var members = _record.NextAnchorSet?.Members ?? throw new InvalidOperationException($"checkpoint {Height} hands over without naming the next set");
            call.NextSigners = [.. members.Select(m => "0x" + Convert.ToHexStringLower(m.AnchorAddress.Span))];
            call.NextPowers = [.. members.Select(m => new BigInteger(m.Power))];
        }
        return call;
    }
}
