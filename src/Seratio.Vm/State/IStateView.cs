using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.State;

/// <summary>
/// What a message handler reads and writes: typed accounts (cached decoded) and raw values of
/// other modules by state key. Account keys must only be reached through the account members,
/// never the raw ones, so each key has one cache. Not thread safe: one block executes on one thread.
/// </summary>
public interface IStateView
{
    AccountRecord GetAccount(Address address);
    void SetAccount(Address address, AccountRecord account);

    /// <summary>The raw value under <paramref name="key"/>, null when absent.</summary>
    byte[]? Get(in Hash32 key);

    /// <summary>Sets the raw value under <paramref name="key"/>; null deletes. The array must not be mutated afterwards.</summary>
    void Set(in Hash32 key, byte[]? value);
}
