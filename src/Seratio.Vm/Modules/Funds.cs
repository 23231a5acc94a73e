using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules;

/// <summary>
/// Balances of the fungible assets modules lock and pay (the exchange's quotes and non-microshare bases, the grants'
/// staking asset): SER (the account's balance) or an altcoin (its balance record). Moves never create or destroy units.
/// Stateless; thread safe.
/// </summary>
internal static class Funds
{
    public static Amount Balance(IStateView state, string asset, Address holder) =>
        asset == Ser.Symbol ? state.GetAccount(holder).Balance : Altcoins.Altcoins.BalanceOf(state, asset, holder);

    /// <summary>Moves <paramref name="amount"/>; false (nothing written) when <paramref name="from"/> holds less.</summary>
    public static bool TryMove(IStateView state, string asset, Address from, Address to, Amount amount)
    {
        if (amount.IsZero || from == to) return Balance(state, asset, from) >= amount;
        if (asset == Ser.Symbol)
        {
            var source = state.GetAccount(from);
            if (source.Balance < amount) return false;
            state.SetAccount(from, source.WithBalance(source.Balance - amount));
            var target = state.GetAccount(to);
            state.SetAccount(to, target.WithBalance(target.Balance + amount));
            return true;
        }
        var balance = Altcoins.Altcoins.BalanceOf(state, asset, from);
        if (balance < amount) return false;
        Altcoins.Altcoins.SetBalance(state, asset, from, balance - amount);
        Altcoins.Altcoins.SetBalance(state, asset, to, Altcoins.Altcoins.BalanceOf(state, asset, to) + amount);
        return true;
    }

    /// <summary>A move an escrow (the exchange's, the grants' stakes account) must be able to make: a shortfall is a broken invariant of the module.</summary>
    public static void Move(IStateView state, string asset, Address from, Address to, Amount amount)
    {
        if (!TryMove(state, asset, from, to, amount))
            throw new InvalidOperationException($"{from} holds less than the {amount} {asset} a module must move to {to}");
    }
}
