using System.Buffers.Binary;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.Validators;

/// <summary>
/// The canonical form of a state-held validator set (<see cref="ValidatorSetState"/>) shared by the Vm
/// (which writes it) and the consensus side (which hashes and verifies with it): sorted by public key
/// (unsigned bytewise), each key once, each power &gt; 0, total power at most <see cref="MaxTotalPower"/>.
/// <see cref="Hash"/> is the header's validators_hash. Pure; thread safe.
/// </summary>
public static class ValidatorSetCodec
{
    /// <summary>Upper bound of a set's total power, so that proposer priorities (± 2 × total) never overflow a long.</summary>
    public const ulong MaxTotalPower = long.MaxValue / 8;

    /// <summary>Most bytes of a validator's name.</summary>
    public const int MaxNameBytes = 64;

    /// <summary>SHA-256("seratio/validators" || for each validator sorted by key: key (32) || power (8 BE)).</summary>
    public static Hash32 Hash(IReadOnlyList<(PublicKey Key, ulong Power)> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        const int entry = PublicKey.Size + sizeof(ulong);
        var bytes = new byte[sorted.Count * entry];
        for (int i = 0; i < sorted.Count; i++)
        {
            var span = bytes.AsSpan(i * entry, entry);
            sorted[i].Key.CopyTo(span);
            BinaryPrimitives.WriteUInt64BigEndian(span[PublicKey.Size..], sorted[i].Power);
        }
        return Hashing.Hash(Domains.Validators, bytes);
    }

    /// <summary>The hash of a state-held set (see <see cref="Hash(IReadOnlyList{ValueTuple{PublicKey, ulong}})"/>).</summary>
    public static Hash32 Hash(ValidatorSetState set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Hash(set.Validators.Select(v => (new PublicKey(v.PublicKey.Span), v.Power)).ToArray());
    }

    /// <summary>Unsigned bytewise order of two keys (the order of every set).</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    /// <summary>A copy of <paramref name="entries"/> in canonical order. Does not check the other rules.</summary>
    public static ValidatorSetState Sorted(IEnumerable<ValidatorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        list.Sort(static (a, b) => Compare(a.PublicKey.Span, b.PublicKey.Span));
        var state = new ValidatorSetState();
        state.Validators.Add(list);
        return state;
    }

    /// <summary>Null when <paramref name="set"/> is canonical, else why not.</summary>
    public static string? Problem(ValidatorSetState set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Validators.Count == 0) return "the set is empty";
        ulong total = 0;
        for (int i = 0; i < set.Validators.Count; i++)
        {
            var v = set.Validators[i];
            if (v.PublicKey.Length != PublicKey.Size) return $"validator {i} has a {v.PublicKey.Length}-byte key";
            if (v.Power == 0) return $"validator {i} has power 0";
            if (i > 0 && Compare(set.Validators[i - 1].PublicKey.Span, v.PublicKey.Span) >= 0) return "validators are not sorted by key, each once";
            if (v.Power > MaxTotalPower - total) return $"total power exceeds {MaxTotalPower}";
            total += v.Power;
        }
        return null;
    }
}
