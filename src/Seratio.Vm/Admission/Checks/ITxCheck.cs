using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// One admission rule: a small check of a decoded transaction that passes or names what is
/// wrong (in the manner of Nethermind's TxPool filters). <see cref="TxCheckList"/> composes them
/// in one documented order; the first failure wins. Implementations are stateless and thread
/// safe, and deterministic whenever <see cref="Scopes"/> includes <see cref="TxCheckScopes.Execution"/>
/// (no clock, only the context).
/// </summary>
public interface ITxCheck
{
    /// <summary>A short stable name, as docs/transactions.md lists it.</summary>
    string Name { get; }

    /// <summary>Where the check runs: the mempool's admission, block execution's pre-check, the pool's re-check after a block.</summary>
    TxCheckScopes Scopes { get; }

    /// <summary>
    /// Whether the check reads <see cref="TxCheckContext.Sender"/>. The mempool runs the checks that
    /// do not in parallel, outside its lock, and the others under its lock; so no check that does
    /// not need the sender may follow one that does (<see cref="TxCheckList"/> enforces it).
    /// </summary>
    bool NeedsSender { get; }

    TxCheckResult Check(SignedTx tx, in TxCheckContext context);
}

/// <summary>Where a check runs.</summary>
[Flags]
public enum TxCheckScopes
{
    None = 0,
    /// <summary>The mempool, before it holds a transaction.</summary>
    Admission = 1,
    /// <summary>Block execution, before a transaction costs anything (a failure changes no state).</summary>
    Execution = 2,
    /// <summary>The mempool, on each held transaction of a sender a committed block touched.</summary>
    Recheck = 4,
}
