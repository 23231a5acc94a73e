using Seratio.Core.Numerics;

namespace Seratio.Vm.State;

/// <summary>
/// The decoded value of an account (assets module): its nonce and SER balance. The block
/// state caches these so that execution does not re-parse protobuf on every access; they are
/// encoded once, when the block's change set is produced. Immutable and thread safe.
/// </summary>
public readonly record struct AccountRecord(ulong Nonce, Amount Balance)
{
    /// <summary>The value of an account that state does not hold: nonce 0, balance 0.</summary>
    public static readonly AccountRecord Empty = default;

    public AccountRecord WithBalance(Amount balance) => new(Nonce, balance);
}
