using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>
/// Moves backing between an account and a class's reserve account (<see cref="Microshares.ReserveAddress"/>):
/// SER through the accounts, altcoins through their balances, so SER and altcoin supplies stay the sums
/// of balances. Nothing is written when the payer's balance is short. Stateless; thread safe.
/// </summary>
internal static class BackingMoves
{
    public static Amount BalanceOf(in MsgContext context, string asset, Address holder) =>
        asset == Ser.Symbol ? context.State.GetAccount(holder).Balance : Altcoins.Altcoins.BalanceOf(context.State, asset, holder);

    /// <summary>Moves <paramref name="amount"/> of <paramref name="asset"/>; INSUFFICIENT_FUNDS writes nothing.</summary>
    public static MsgResult Move(in MsgContext context, string asset, Address from, Address to, Amount amount)
    {
        var balance = BalanceOf(context, asset, from);
        if (balance < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                asset == Ser.Symbol
                    ? $"{from} holds {balance} SER base units (after the fee), less than the {amount} to commit"
                    : $"{from} holds {balance} {asset} base units, less than the {amount} to commit");
        if (amount.IsZero || from == to) return MsgResult.Ok;
        var state = context.State;
        if (asset == Ser.Symbol)
        {
            state.SetAccount(from, state.GetAccount(from).WithBalance(balance - amount));
            var receiver = state.GetAccount(to);
            state.SetAccount(to, receiver.WithBalance(receiver.Balance + amount));
        }
        else
        {
            Altcoins.Altcoins.SetBalance(state, asset, from, balance - amount);
            Altcoins.Altcoins.SetBalance(state, asset, to, Altcoins.Altcoins.BalanceOf(state, asset, to) + amount);
        }
        return MsgResult.Ok;
    }
}
