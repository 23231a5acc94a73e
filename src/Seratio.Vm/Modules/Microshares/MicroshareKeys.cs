using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>The state keys of the microshares module (classes, lots, holdings, reserves). Stateless; thread safe.</summary>
public static class MicroshareKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x50, 0x5F);

    /// <summary>A <c>MicroshareClassState</c> (key: id, 8 bytes big-endian).</summary>
    public const byte ClassPrefix = 0x50;

    /// <summary>The last class id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte ClassCounterPrefix = 0x51;

    /// <summary>The class id of a symbol (key: symbol ASCII; value 8 bytes big-endian).</summary>
    public const byte SymbolPrefix = 0x52;

    /// <summary>A <c>MicroshareLotState</c> (key: lot id, 8 bytes big-endian).</summary>
    public const byte LotPrefix = 0x53;

    /// <summary>The last lot id handed out (one fixed key, 8 bytes big-endian).</summary>
    public const byte LotCounterPrefix = 0x54;

    /// <summary>A holder's <c>MicroshareHolding</c> of a class (key: address, class id 8 bytes big-endian).</summary>
    public const byte HoldingPrefix = 0x55;

    /// <summary>A class's <c>MicroshareReserve</c> of an asset (key: class id 8 bytes, symbol ASCII).</summary>
    public const byte ReservePrefix = 0x56;

    public static Hash32 Class(ulong id) => StateKey.Id(ClassPrefix, id);

    public static Hash32 ClassCounter() => StateKey.Fixed(ClassCounterPrefix);

    /// <summary>The key of a class symbol (ASCII, at most 255 chars).</summary>
    public static Hash32 Symbol(string symbol) => StateKey.Text(SymbolPrefix, symbol, nameof(symbol));

    public static Hash32 Lot(ulong id) => StateKey.Id(LotPrefix, id);

    public static Hash32 LotCounter() => StateKey.Fixed(LotCounterPrefix);

    public static Hash32 Holding(Address holder, ulong classId) =>
        new StateKey.Builder(HoldingPrefix, stackalloc byte[1 + Address.Size + sizeof(ulong)]).Address(holder).UInt64(classId).Build();

    /// <summary>The key of a class's reserve of <paramref name="asset"/> (ASCII, at most 255 chars; the fixed-size id comes first).</summary>
    public static Hash32 Reserve(ulong classId, string asset)
    {
        StateKey.CheckText(asset, "asset symbol");
        return new StateKey.Builder(ReservePrefix, stackalloc byte[1 + sizeof(ulong) + asset.Length]).UInt64(classId).Ascii(asset, "asset symbol").Build();
    }
}
