using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// Typed access to the anchor module's state (<see cref="AnchorKeys"/>): anchor keys and who holds each
/// address, the targets, the checkpoints with their signatures, the signing set and the latest heights.
/// Values are protobuf or 8-byte big-endian numbers. Stateless; thread safe.
/// </summary>
public static class AnchorStore
{
    public static AnchorKeyRecord? ReadKey(IStateView state, ReadOnlySpan<byte> validatorPublicKey) =>
        state.Get(AnchorKeys.Key(validatorPublicKey)) is { } bytes ? AnchorKeyRecord.Parser.ParseFrom(bytes) : null;

    /// <summary>Binds <paramref name="record"/>'s address to its validator, releasing the validator's previous address.</summary>
    public static void WriteKey(IStateView state, AnchorKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ReadKey(state, record.ValidatorPublicKey.Span) is { } previous)
            state.Set(AnchorKeys.Address(previous.AnchorAddress.Span), null);
        state.Set(AnchorKeys.Key(record.ValidatorPublicKey.Span), record.ToByteArray());
        state.Set(AnchorKeys.Address(record.AnchorAddress.Span), record.ValidatorPublicKey.ToByteArray());
    }

    /// <summary>The Ed25519 key of the validator holding <paramref name="anchorAddress"/>, or null.</summary>
    public static byte[]? HolderOf(IStateView state, ReadOnlySpan<byte> anchorAddress) => state.Get(AnchorKeys.Address(anchorAddress));

    public static AnchorTargets ReadTargets(IStateView state) =>
        state.Get(AnchorKeys.Targets()) is { } bytes ? AnchorTargets.Parser.ParseFrom(bytes) : new AnchorTargets();

    /// <summary>Writes the targets; none deletes the key.</summary>
    public static void WriteTargets(IStateView state, AnchorTargets targets) =>
        state.Set(AnchorKeys.Targets(), targets.Targets.Count == 0 ? null : targets.ToByteArray());

    public static CheckpointRecord? ReadCheckpoint(IStateView state, ulong height) =>
        state.Get(AnchorKeys.Checkpoint(height)) is { } bytes ? CheckpointRecord.Parser.ParseFrom(bytes) : null;

    public static void WriteCheckpoint(IStateView state, CheckpointRecord checkpoint) =>
        state.Set(AnchorKeys.Checkpoint(checkpoint.Height), checkpoint.ToByteArray());

    /// <summary>The height of the latest checkpoint; 0 when none was recorded.</summary>
    public static ulong ReadLatest(IStateView state) => ReadNumber(state, AnchorKeys.Latest());

    /// <summary>How many checkpoints were recorded.</summary>
    public static ulong ReadCount(IStateView state) => ReadNumber(state, AnchorKeys.Count());

    /// <summary>Records <paramref name="checkpoint"/> as the latest and counts it.</summary>
    public static void AppendCheckpoint(IStateView state, CheckpointRecord checkpoint)
    {
        WriteCheckpoint(state, checkpoint);
        ulong count = ReadCount(state);
        WriteNumber(state, AnchorKeys.BySequence(count), checkpoint.Height);
        WriteNumber(state, AnchorKeys.Latest(), checkpoint.Height);
        WriteNumber(state, AnchorKeys.Count(), checked(count + 1));
    }

    /// <summary>The latest checkpoint ready for <paramref name="target"/>; 0 when none.</summary>
    public static ulong ReadLatestReady(IStateView state, string target) => ReadNumber(state, AnchorKeys.LatestReady(target));

    public static void WriteLatestReady(IStateView state, string target, ulong height) => WriteNumber(state, AnchorKeys.LatestReady(target), height);

    /// <summary>The set that signs the next checkpoint, or null before the first checkpoint.</summary>
    public static AnchorSetState? ReadSigningSet(IStateView state) =>
        state.Get(AnchorKeys.SigningSet()) is { } bytes ? AnchorSetState.Parser.ParseFrom(bytes) : null;

    public static void WriteSigningSet(IStateView state, AnchorSetState set) => state.Set(AnchorKeys.SigningSet(), set.ToByteArray());

    private static ulong ReadNumber(IStateView state, Core.Crypto.Hash32 key) => Number(state.Get(key));

    // Queries read a committed height through IStateReader.

    public static CheckpointRecord? ReadCheckpoint(IStateReader state, ulong height) =>
        state.Get(AnchorKeys.Checkpoint(height)) is { } bytes ? CheckpointRecord.Parser.ParseFrom(bytes) : null;

    public static ulong ReadLatest(IStateReader state) => Number(state.Get(AnchorKeys.Latest()));

    public static ulong ReadCount(IStateReader state) => Number(state.Get(AnchorKeys.Count()));

    /// <summary>The height of the <paramref name="sequence"/>-th recorded checkpoint (0-based).</summary>
    public static ulong ReadHeightAt(IStateReader state, ulong sequence) => Number(state.Get(AnchorKeys.BySequence(sequence)));

    public static ulong ReadLatestReady(IStateReader state, string target) => Number(state.Get(AnchorKeys.LatestReady(target)));

    public static AnchorTargets ReadTargets(IStateReader state) =>
        state.Get(AnchorKeys.Targets()) is { } bytes ? AnchorTargets.Parser.ParseFrom(bytes) : new AnchorTargets();

    public static AnchorKeyRecord? ReadKey(IStateReader state, ReadOnlySpan<byte> validatorPublicKey) =>
        state.Get(AnchorKeys.Key(validatorPublicKey)) is { } bytes ? AnchorKeyRecord.Parser.ParseFrom(bytes) : null;

    private static ulong Number(byte[]? bytes) => bytes is { Length: 8 } ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : 0;

    private static void WriteNumber(IStateView state, Core.Crypto.Hash32 key, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        state.Set(key, bytes);
    }
}
