using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// Reads and writes altcoins: the denomination and supply (<see cref="AssetState"/> under
/// <see cref="AltcoinKeys.Asset"/>), balances and allowances (<see cref="AssetAmount"/>, absent = 0,
/// a write of 0 deletes). Invariant kept by the handlers: supply = the sum of balances ≤ max_supply.
/// A stored value that does not decode is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Altcoins
{
    public static AssetState? Get(IStateView state, string symbol)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(AltcoinKeys.Asset(symbol)));
    }

    /// <inheritdoc cref="Get(IStateView, string)"/>
    public static AssetState? Get(IStateReader state, string symbol)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Decode(state.Get(AltcoinKeys.Asset(symbol)));
    }

    public static Amount BalanceOf(IStateView state, string symbol, Address holder)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeAmount(state.Get(AltcoinKeys.Balance(symbol, holder)));
    }

    /// <inheritdoc cref="BalanceOf(IStateView, string, Address)"/>
    public static Amount BalanceOf(IStateReader state, string symbol, Address holder)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeAmount(state.Get(AltcoinKeys.Balance(symbol, holder)));
    }

    public static Amount AllowanceOf(IStateView state, string symbol, Address owner, Address spender)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeAmount(state.Get(AltcoinKeys.Allowance(symbol, owner, spender)));
    }

    /// <inheritdoc cref="AllowanceOf(IStateView, string, Address, Address)"/>
    public static Amount AllowanceOf(IStateReader state, string symbol, Address owner, Address spender)
    {
        ArgumentNullException.ThrowIfNull(state);
        return DecodeAmount(state.Get(AltcoinKeys.Allowance(symbol, owner, spender)));
    }

    /// <summary>The supply of a decoded asset; throws when state holds a non-canonical amount.</summary>
    public static Amount SupplyOf(AssetState asset) => Parse(asset.Supply, "supply");

    public static Amount MaxSupplyOf(AssetState asset) => Parse(asset.MaxSupply, "max_supply");

    internal static void Put(IStateView state, AssetState asset) => state.Set(AltcoinKeys.Asset(asset.Symbol), asset.ToByteArray());

    internal static void SetBalance(IStateView state, string symbol, Address holder, Amount amount) =>
        state.Set(AltcoinKeys.Balance(symbol, holder), EncodeAmount(amount));

    internal static void SetAllowance(IStateView state, string symbol, Address owner, Address spender, Amount amount) =>
        state.Set(AltcoinKeys.Allowance(symbol, owner, spender), EncodeAmount(amount));

    public static AssetState? Decode(byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            return AssetState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds an asset value that is not a seratio.v1.AssetState", ex);
        }
    }

    public static Amount DecodeAmount(byte[]? bytes)
    {
        if (bytes is null) return Amount.Zero;
        try
        {
            return Parse(AssetAmount.Parser.ParseFrom(bytes).Amount, "amount");
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds an asset amount that is not a seratio.v1.AssetAmount", ex);
        }
    }

    private static byte[]? EncodeAmount(Amount amount) => amount.IsZero ? null : new AssetAmount { Amount = amount.ToString() }.ToByteArray();

    private static Amount Parse(string text, string field) =>
        Amount.TryParse(text, out var amount, out var error) ? amount : throw new InvalidDataException($"state holds an asset {field} that is invalid: {error}");
}
