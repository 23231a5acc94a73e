using Seratio.Core.Crypto;

namespace Seratio.Core.State;

/// <summary>
/// Reads state values by 256-bit state key (SHA-256 of "seratio/key", a module prefix and the
/// module's key; see Seratio.Vm's StateKey, and each module's keys in its folder). Null means absent.
/// Implementations say whether they are thread safe.
/// </summary>
public interface IStateReader
{
    byte[]? Get(in Hash32 key);
}

/// <summary>One write to state: <see cref="Value"/> null deletes the key.</summary>
public readonly record struct StateChange(Hash32 Key, byte[]? Value);
