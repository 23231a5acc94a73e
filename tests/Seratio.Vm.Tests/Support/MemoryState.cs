using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Vm.Tests.Support;

/// <summary>A dictionary-backed state for tests; counts reads so caching can be observed.</summary>
public sealed class MemoryState : IStateReader
{
    private readonly Dictionary<Hash32, byte[]> _values = new();

    public int Reads { get; private set; }
    public int Count => _values.Count;

    public byte[]? Get(in Hash32 key)
    {
        Reads++;
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    public MemoryState WithAccount(Address address, Amount balance, ulong nonce = 0)
    {
        _values[AccountKeys.Account(address)] = Accounts.Encode(new AccountRecord(nonce, balance));
        return this;
    }

    public MemoryState WithAccount(string name, Amount balance, ulong nonce = 0) =>
        WithAccount(TestKeys.Address(name), balance, nonce);

    /// <summary>Stores a raw value (e.g. the authority or a module's record).</summary>
    public MemoryState With(Hash32 key, byte[] value)
    {
        _values[key] = value;
        return this;
    }

    /// <summary>An independent copy (values are never mutated in place, so sharing the arrays is safe).</summary>
    public MemoryState Clone()
    {
        var copy = new MemoryState();
        foreach (var (key, value) in _values) copy._values[key] = value;
        return copy;
    }

    public void Apply(IEnumerable<StateChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Value is null) _values.Remove(change.Key);
            else _values[change.Key] = change.Value;
        }
    }

    public AccountRecord Account(Address address) => Accounts.Decode(Get(AccountKeys.Account(address)));
    public AccountRecord Account(string name) => Account(TestKeys.Address(name));

    /// <summary>Sum of every stored account balance (the test state stores only accounts).</summary>
    public Amount TotalBalance()
    {
        var total = Amount.Zero;
        foreach (var value in _values.Values) total += Accounts.Decode(value).Balance;
        return total;
    }
}
