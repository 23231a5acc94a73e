using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// Anchor sets (docs/anchoring.md): the validators of a set that hold an anchor key, as (anchor address, power),
/// sorted strictly ascending by address; a validator without a key is absent. The hash is
/// keccak256(abi.encode(address[] signers, uint256[] powers)), what the anchor contract stores. Stateless; thread safe.
/// </summary>
public static class AnchorSets
{
    /// <summary>
    /// The anchor set of <paramref name="validators"/> with the keys registered in <paramref name="state"/>, sorted by
    /// address. Addresses are unique by construction: registration refuses an address another validator holds.
    /// </summary>
    public static AnchorSetState Of(ValidatorSetState validators, State.IStateView state)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var members = new List<AnchorSetMember>(validators.Validators.Count);
        foreach (var v in validators.Validators)
        {
            if (AnchorStore.ReadKey(state, v.PublicKey.Span) is not { } key) continue;
            members.Add(new AnchorSetMember { AnchorAddress = key.AnchorAddress, Power = v.Power, ValidatorPublicKey = v.PublicKey });
        }
        members.Sort(static (a, b) => a.AnchorAddress.Span.SequenceCompareTo(b.AnchorAddress.Span));
        var set = new AnchorSetState();
        set.Members.AddRange(members);
        return set;
    }

    /// <summary>The sum of the members' powers (validator sets keep their total within 64 bits).</summary>
    public static ulong TotalPower(AnchorSetState set)
    {
        ArgumentNullException.ThrowIfNull(set);
        ulong total = 0;
        foreach (var m in set.Members) total = checked(total + m.Power);
        return total;
    }

    /// <summary>
    /// keccak256(abi.encode(address[], uint256[])): head words 0x40 and 0x40 + 32·(1 + n), then each array as its
    /// length followed by one 32-byte big-endian word per element (addresses left-padded with 12 zero bytes).
    /// </summary>
    public static byte[] Hash(AnchorSetState set)
    {
        ArgumentNullException.ThrowIfNull(set);
        int n = set.Members.Count;
        var buffer = new byte[32 * (2 + 1 + n + 1 + n)];
        WriteWord(buffer, 0, 0x40);
        WriteWord(buffer, 1, (ulong)(0x40 + 32 * (1 + n)));
        WriteWord(buffer, 2, (ulong)n);
        for (int i = 0; i < n; i++) set.Members[i].AnchorAddress.Span.CopyTo(buffer.AsSpan(32 * (3 + i) + 12));
        WriteWord(buffer, 3 + n, (ulong)n);
        for (int i = 0; i < n; i++) WriteWord(buffer, 4 + n + i, set.Members[i].Power);
        return AnchorCrypto.Keccak(buffer);
    }

    /// <summary>The member standing for <paramref name="validatorPublicKey"/>, or null.</summary>
    public static AnchorSetMember? MemberFor(AnchorSetState set, ReadOnlySpan<byte> validatorPublicKey)
    {
        foreach (var m in set.Members)
            if (m.ValidatorPublicKey.Span.SequenceEqual(validatorPublicKey)) return m;
        return null;
    }

    private static void WriteWord(byte[] buffer, int word, ulong value) =>
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(32 * word + 24), value);

    internal static ByteString Copy(byte[] bytes) => ByteString.CopyFrom(bytes);
}
