using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// Reads and writes the microshare module's state: classes (<see cref="MicroshareClassState"/>), the
/// symbol → class id index, lots (<see cref="MicroshareLotState"/>), holdings (<see cref="MicroshareHolding"/>
/// per holder and class, absent = none) and reserves (<see cref="MicroshareReserve"/> per class and
/// origin asset). Class and lot ids are 1, 2, 3, ...: each counter holds the last id handed out. Every
/// method has an <see cref="IStateView"/> (execution) and an <see cref="IStateReader"/> (queries) form
/// where queries need it. A stored value that does not decode is a broken state invariant and throws.
/// Stateless; thread safe.
/// </summary>
public static class Microshares
{
    public static MicroshareClassState? GetClass(IStateView state, ulong id) => Decode(state.Get(MicroshareKeys.Class(id)), MicroshareClassState.Parser, "class");

    public static MicroshareClassState? GetClass(IStateReader state, ulong id) => Decode(state.Get(MicroshareKeys.Class(id)), MicroshareClassState.Parser, "class");

    /// <summary>The id of the class with <paramref name="symbol"/>, 0 when none.</summary>
    public static ulong ClassIdOf(IStateView state, string symbol) => DecodeId(state.Get(MicroshareKeys.Symbol(symbol)), "symbol index");

    public static ulong ClassIdOf(IStateReader state, string symbol) => DecodeId(state.Get(MicroshareKeys.Symbol(symbol)), "symbol index");

    public static MicroshareLotState? GetLot(IStateView state, ulong id) => Decode(state.Get(MicroshareKeys.Lot(id)), MicroshareLotState.Parser, "lot");

    public static MicroshareLotState? GetLot(IStateReader state, ulong id) => Decode(state.Get(MicroshareKeys.Lot(id)), MicroshareLotState.Parser, "lot");

    /// <summary>The holder's lots of the class in ascending lot id (empty when it holds none).</summary>
    public static MicroshareHolding GetHolding(IStateView state, Address holder, ulong classId) =>
        Decode(state.Get(MicroshareKeys.Holding(holder, classId)), MicroshareHolding.Parser, "holding") ?? new MicroshareHolding();

    public static MicroshareHolding GetHolding(IStateReader state, Address holder, ulong classId) =>
        Decode(state.Get(MicroshareKeys.Holding(holder, classId)), MicroshareHolding.Parser, "holding") ?? new MicroshareHolding();

    public static MicroshareReserve? GetReserve(IStateView state, ulong classId, string asset) =>
        Decode(state.Get(MicroshareKeys.Reserve(classId, asset)), MicroshareReserve.Parser, "reserve");

    public static MicroshareReserve? GetReserve(IStateReader state, ulong classId, string asset) =>
        Decode(state.Get(MicroshareKeys.Reserve(classId, asset)), MicroshareReserve.Parser, "reserve");

    public static ulong LastClassId(IStateView state) => DecodeId(state.Get(MicroshareKeys.ClassCounter()), "class counter");

    public static ulong LastLotId(IStateView state) => DecodeId(state.Get(MicroshareKeys.LotCounter()), "lot counter");

    public static ulong LastClassId(IStateReader state) => DecodeId(state.Get(MicroshareKeys.ClassCounter()), "class counter");

    public static ulong LastLotId(IStateReader state) => DecodeId(state.Get(MicroshareKeys.LotCounter()), "lot counter");

    /// <summary>The account that holds class <paramref name="classId"/>'s backing; nobody holds its key.</summary>
    public static Address ReserveAddress(ulong classId)
    {
        Span<byte> id = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(id, classId);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Hashing.Hash(Domains.MicroshareReserve, id).CopyTo(hash);
        return new Address(hash[..Address.Size]);
    }

    /// <summary>Parses a stored amount; throws when state holds a non-canonical one.</summary>
    public static Amount Units(string text) =>
        Amount.TryParse(text, out var amount, out var error) ? amount : throw new InvalidDataException($"state holds a microshare amount that is invalid: {error}");

    internal static void PutClass(IStateView state, MicroshareClassState c) => state.Set(MicroshareKeys.Class(c.Id), c.ToByteArray());

    internal static void PutSymbol(IStateView state, string symbol, ulong id) => state.Set(MicroshareKeys.Symbol(symbol), EncodeId(id));

    internal static void PutLot(IStateView state, MicroshareLotState lot) => state.Set(MicroshareKeys.Lot(lot.Id), lot.ToByteArray());

    internal static void PutReserve(IStateView state, ulong classId, MicroshareReserve reserve) =>
        state.Set(MicroshareKeys.Reserve(classId, reserve.Asset), reserve.ToByteArray());

    /// <summary>Writes the holding; an empty one deletes the key.</summary>
    internal static void PutHolding(IStateView state, Address holder, ulong classId, MicroshareHolding holding) =>
        state.Set(MicroshareKeys.Holding(holder, classId), holding.Lots.Count == 0 ? null : holding.ToByteArray());

    internal static void SetLastClassId(IStateView state, ulong id) => state.Set(MicroshareKeys.ClassCounter(), EncodeId(id));

    internal static void SetLastLotId(IStateView state, ulong id) => state.Set(MicroshareKeys.LotCounter(), EncodeId(id));

    private static byte[] EncodeId(ulong id) => StateValues.U64(id);

    private static ulong DecodeId(byte[]? value, string what) => StateValues.ReadU64(value, $"a microshare {what} value");

    private static T? Decode<T>(byte[]? bytes, MessageParser<T> parser, string what) where T : class, IMessage<T> =>
        StateValues.Decode(bytes, parser, $"a microshare {what}");
}
