using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Vm.Genesis;

/// <summary>
/// The state a genesis document defines: one account (nonce 0, its balance) per genesis
/// account, the authority account when genesis names one, and the validator sets "next" and
/// "pending", both the genesis validators, and the DAF's council and parameters when genesis has a daf section. Pure; thread safe.
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
            changes.Add(new StateChange(AccountKeys.Account(address), Accounts.Encode(new AccountRecord(0, balance))));
        }
        if (genesis.Authority is not null)
        {
            if (!Address.TryParse(genesis.Authority, out var authority, out var error)) throw new FormatException($"genesis authority: {error}");
            changes.Add(new StateChange(GovernanceKeys.Authority(), Modules.Governance.Authority.Encode(authority)));
        }
        if (genesis.Validators.Count > 0)
        {
            var set = ValidatorSetCodec.Sorted(genesis.Validators.Select(v => new ValidatorEntry
            {
                PublicKey = Google.Protobuf.ByteString.CopyFrom(Convert.FromHexString(v.PublicKey)), Power = v.Power, Name = v.Name,
            }));
            if (ValidatorSetCodec.Problem(set) is { } problem) throw new FormatException($"genesis validators: {problem}");
            var encoded = Google.Protobuf.MessageExtensions.ToByteArray(set);
            // Both sets start as the genesis one: heights 1 and 2 are validated by it (docs/consensus.md).
            changes.Add(new StateChange(ValidatorKeys.Next(), encoded));
            changes.Add(new StateChange(ValidatorKeys.Pending(), encoded));
        }
        if (genesis.Anchor is not null) changes.AddRange(GenesisAnchorState.Build(genesis));
        if (genesis.Daf is not null) changes.AddRange(GenesisDafState.Build(genesis.Daf));
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
