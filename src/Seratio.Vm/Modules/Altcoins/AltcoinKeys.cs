using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>The state keys of the altcoins module. Stateless; thread safe.</summary>
public static class AltcoinKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x30, 0x3F);

    /// <summary>An <c>AssetState</c> (key: symbol, ASCII).</summary>
    public const byte AssetPrefix = 0x30;

    /// <summary>A balance <c>AssetAmount</c> (key: symbol length, symbol, holder address).</summary>
    public const byte BalancePrefix = 0x31;

    /// <summary>An allowance <c>AssetAmount</c> (key: symbol length, symbol, owner, spender).</summary>
    public const byte AllowancePrefix = 0x32;

    /// <summary>The key of an altcoin; <paramref name="symbol"/> must be a valid symbol (ASCII, at most 255 chars).</summary>
    public static Hash32 Asset(string symbol) => StateKey.Text(AssetPrefix, symbol, nameof(symbol));

    // The symbol's length comes first so that (symbol, address) pairs can never collide.
    public static Hash32 Balance(string symbol, Address holder)
    {
        StateKey.CheckText(symbol, nameof(symbol));
        return new StateKey.Builder(BalancePrefix, stackalloc byte[2 + symbol.Length + Address.Size])
            .LengthAndAscii(symbol, nameof(symbol)).Address(holder).Build();
    }

    public static Hash32 Allowance(string symbol, Address owner, Address spender)
    {
        StateKey.CheckText(symbol, nameof(symbol));
        return new StateKey.Builder(AllowancePrefix, stackalloc byte[2 + symbol.Length + 2 * Address.Size])
            .LengthAndAscii(symbol, nameof(symbol)).Address(owner).Address(spender).Build();
    }
}
