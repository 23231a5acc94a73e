using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Validators;

/// <summary>
/// Typed access to the validators and evidence state (prefixes 0x03..0x08 of <see cref="ValidatorKeys"/>):
/// the "next" set (validates the height after the latest block), the "pending" set (two heights after),
/// the jailed list and committed evidence. Values are protobuf, sets in canonical order. Stateless; thread safe.
/// </summary>
public static class ValidatorStore
{
    /// <summary>The next set, or null when the chain's state holds none (a chain without validators in state).</summary>
    public static ValidatorSetState? ReadNext(IStateView state) => ReadSet(state, ValidatorKeys.Next());

    /// <summary>The pending set, or null when the state holds none.</summary>
    public static ValidatorSetState? ReadPending(IStateView state) => ReadSet(state, ValidatorKeys.Pending());

    public static void WriteNext(IStateView state, ValidatorSetState set) => state.Set(ValidatorKeys.Next(), set.ToByteArray());

    public static void WritePending(IStateView state, ValidatorSetState set) => state.Set(ValidatorKeys.Pending(), set.ToByteArray());

    public static JailedValidators ReadJailed(IStateView state) =>
        state.Get(ValidatorKeys.Jailed()) is { } bytes ? JailedValidators.Parser.ParseFrom(bytes) : new JailedValidators();

    /// <summary>Writes the jailed list; an empty list deletes the key.</summary>
    public static void WriteJailed(IStateView state, JailedValidators jailed) =>
        state.Set(ValidatorKeys.Jailed(), jailed.Validators.Count == 0 ? null : jailed.ToByteArray());

    public static EvidenceRecord? ReadEvidence(IStateView state, Hash32 hash) =>
        state.Get(ValidatorKeys.Evidence(hash)) is { } bytes ? EvidenceRecord.Parser.ParseFrom(bytes) : null;

    public static ulong ReadEvidenceCount(IStateView state) =>
        state.Get(ValidatorKeys.EvidenceCount()) is { Length: 8 } bytes ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : 0;

    /// <summary>Stores <paramref name="record"/> under its hash and appends it to the sequence.</summary>
    public static void AppendEvidence(IStateView state, Hash32 hash, EvidenceRecord record)
    {
        ulong count = ReadEvidenceCount(state);
        state.Set(ValidatorKeys.Evidence(hash), record.ToByteArray());
        state.Set(ValidatorKeys.EvidenceBySequence(count), hash.ToArray());
        var next = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(next, checked(count + 1));
        state.Set(ValidatorKeys.EvidenceCount(), next);
    }

    /// <summary>Index of <paramref name="key"/> in <paramref name="set"/>, or -1.</summary>
    public static int IndexOf(ValidatorSetState set, ReadOnlySpan<byte> key)
    {
        var list = set.Validators;
        for (int i = 0; i < list.Count; i++)
            if (list[i].PublicKey.Span.SequenceEqual(key)) return i;
        return -1;
    }

    /// <summary>Index of <paramref name="key"/> in <paramref name="jailed"/>, or -1.</summary>
    public static int IndexOf(JailedValidators jailed, ReadOnlySpan<byte> key)
    {
        var list = jailed.Validators;
        for (int i = 0; i < list.Count; i++)
            if (list[i].PublicKey.Span.SequenceEqual(key)) return i;
        return -1;
    }

    /// <summary>Inserts <paramref name="entry"/> keeping the order by key (the key must not be present).</summary>
    public static void Insert(ValidatorSetState set, ValidatorEntry entry)
    {
        int at = 0;
        while (at < set.Validators.Count && Core.Validators.ValidatorSetCodec.Compare(set.Validators[at].PublicKey.Span, entry.PublicKey.Span) < 0) at++;
        set.Validators.Insert(at, entry);
    }

    /// <summary>Inserts <paramref name="entry"/> keeping the order by key (the key must not be present).</summary>
    public static void Insert(JailedValidators jailed, JailedValidator entry)
    {
        int at = 0;
        while (at < jailed.Validators.Count && Core.Validators.ValidatorSetCodec.Compare(jailed.Validators[at].PublicKey.Span, entry.PublicKey.Span) < 0) at++;
        jailed.Validators.Insert(at, entry);
    }

    private static ValidatorSetState? ReadSet(IStateView state, Hash32 key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Get(key) is { } bytes ? ValidatorSetState.Parser.ParseFrom(bytes) : null;
    }
}
