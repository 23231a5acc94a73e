using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Altcoins;

/// <summary>
/// The shared steps of altcoin messages: loading a known asset, moving units between holders with
/// the "asset_transfer" event (memo and data are only delivered in the event; nothing is called).
/// Pure apart from the context's state and events; thread safe.
/// </summary>
internal static class AssetMoves
{
    public const int MaxMemoBytes = 256;
    public const int MaxDataBytes = 1024;
    public const string TransferEvent = "asset_transfer";

    public static MsgResult Known(in MsgContext context, string symbol, out AssetState asset)
    {
        asset = Altcoins.Get(context.State, symbol)!;
        return asset is null
            ? MsgResult.Fail(ResultCode.NotFound, $"asset '{symbol}' does not exist; check the symbol (GetAsset) or create it first")
            : MsgResult.Ok;
    }

    public static MsgResult MemoAndData(string memo, ByteString data)
    {
        // Like the SER transfer's memo: free text (line breaks allowed), bounded in bytes.
        int memoBytes = System.Text.Encoding.UTF8.GetByteCount(memo);
        if (memoBytes > MaxMemoBytes) return Fields.Invalid($"memo is {memoBytes} UTF-8 bytes; the limit is {MaxMemoBytes}");
        return Fields.MaxBytes(data, "data", MaxDataBytes);
    }

    /// <summary>Moves <paramref name="amount"/> from <paramref name="from"/> to <paramref name="to"/>; INSUFFICIENT_FUNDS writes nothing.</summary>
    public static MsgResult Transfer(in MsgContext context, string symbol, Address from, Address to, Amount amount,
        string memo, ByteString data, Address? spender)
    {
        var state = context.State;
        var balance = Altcoins.BalanceOf(state, symbol, from);
        if (balance < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                $"{from} holds {balance} {symbol} base units, less than the {amount} to send");
        if (from != to)
        {
            Altcoins.SetBalance(state, symbol, from, balance - amount);
            // Cannot overflow: every balance is part of the supply, which is at most max_supply.
            Altcoins.SetBalance(state, symbol, to, Altcoins.BalanceOf(state, symbol, to) + amount);
        }
        var ev = new Event { Type = TransferEvent };
        ev.Attributes.Add(new EventAttribute { Key = "symbol", Value = symbol });
        ev.Attributes.Add(new EventAttribute { Key = "sender", Value = context.Addresses.Of(from) });
        ev.Attributes.Add(new EventAttribute { Key = "recipient", Value = context.Addresses.Of(to) });
        ev.Attributes.Add(new EventAttribute { Key = "amount", Value = amount.ToString() });
        ev.Attributes.Add(new EventAttribute { Key = "memo", Value = memo });
        ev.Attributes.Add(new EventAttribute { Key = "data", Value = Convert.ToHexStringLower(data.Span) });
        if (spender is { } s) ev.Attributes.Add(new EventAttribute { Key = "spender", Value = context.Addresses.Of(s) });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    public static void AddAttribute(Event ev, string key, string value) => ev.Attributes.Add(new EventAttribute { Key = key, Value = value });
}
