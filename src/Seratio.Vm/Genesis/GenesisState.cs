using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Vm.State;

namespace Seratio.Vm.Genesis;

/// <summary>
/// The state a genesis document defines: one account (nonce 0, its balance) per genesis
/// account, and the authority account when genesis names one. Pure; thread safe.
/// </summary>
public static class GenesisState
{
    /// <summary>
    /// The initial writes, sorted by key, each key once. Throws <see cref="FormatException"/> on a
    /// bad document, including balances that add up past 2^128-1 (execution relies on the
    /// supply fitting, so no credit can overflow).
    /// </summary>
    public static IReadOnlyList<StateChange> Build(Seratio.Core.Chain.Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _ = TotalSupply(genesis);
        var changes = new List<StateChange>(genesis.Accounts.Count + 1);
        var seen = new HashSet<Address>();
        foreach (var account in genesis.Accounts)
        {
            var (address, balance) = Parse(account);
            if (!seen.Add(address)) throw new FormatException($"genesis lists account {address} twice");
            changes.Add(new StateChange(StateKeys.Account(address), Accounts.Encode(new AccountRecord(0, balance))));
        }
        if (genesis.Authority is not null)
        {
            if (!Address.TryParse(genesis.Authority, out var authority, out var error)) throw new FormatException($"genesis authority: {error}");
            changes.Add(new StateChange(StateKeys.Authority(), Modules.Governance.Authority.Encode(authority)));
        }
        changes.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return changes;
    }

    /// <summary>The sum of the genesis balances: all the SER there is. Throws <see cref="FormatException"/> past 2^128-1.</summary>
    public static Amount TotalSupply(Seratio.Core.Chain.Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var total = Amount.Zero;
        foreach (var account in genesis.Accounts)
        {
            if (!total.TryAdd(Parse(account).Balance, out var sum))
                throw new FormatException("genesis balances add up to more than 2^128-1 base units");
            total = sum;
        }
        return total;
    }

    private static (Address Address, Amount Balance) Parse(GenesisAccount account)
    {
        if (!Address.TryParse(account.Address, out var address, out var error))
            throw new FormatException($"genesis account '{account.Name}': {error}");
        if (!Amount.TryParse(account.Balance, out var balance, out error))
            throw new FormatException($"genesis account {account.Address}: {error}");
        return (address, balance);
    }
}
