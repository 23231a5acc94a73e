using System.Runtime.InteropServices;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Vm.State;

/// <summary>
/// The block-level overlay over a base <see cref="IStateReader"/>: every base read is cached
/// (including absence), every write is buffered, accounts are cached decoded. The base is never
/// written. <see cref="Changes"/> gives every changed key once, sorted by key. Not thread safe.
/// </summary>
public sealed class BlockState : IStateView
{
    private readonly IStateReader _base;
    private readonly Dictionary<Address, AccountSlot> _accounts;
    private readonly Dictionary<Hash32, RawSlot> _raw = new();

    public BlockState(IStateReader baseState, int expectedAccounts = 0)
    {
        ArgumentNullException.ThrowIfNull(baseState);
        _base = baseState;
        _accounts = new Dictionary<Address, AccountSlot>(expectedAccounts);
    }

    public AccountRecord GetAccount(Address address) => Slot(address).Current;

    public void SetAccount(Address address, AccountRecord account)
    {
        ref var slot = ref Slot(address);
        slot.Current = account;
        slot.Written = true;
    }

    public byte[]? Get(in Hash32 key) => RawSlotOf(key).Current;

    public void Set(in Hash32 key, byte[]? value)
    {
        ref var slot = ref RawSlotOf(key);
        slot.Current = value;
        slot.Written = true;
    }

    /// <summary>
    /// Every key whose value differs from the base, once, sorted by key (Hash32 ordering);
    /// a null value deletes. Accounts are encoded here, once each.
    /// </summary>
    public StateChange[] Changes()
    {
        var changes = new List<StateChange>(_accounts.Count + _raw.Count);
        foreach (var (_, slot) in _accounts)
        {
            if (!slot.Written || slot.Current == slot.Base) continue;
            changes.Add(new StateChange(slot.Key, Accounts.Encode(slot.Current)));
        }
        foreach (var (key, slot) in _raw)
        {
            if (!slot.Written || SameBytes(slot.Base, slot.Current)) continue;
            changes.Add(new StateChange(key, slot.Current));
        }
        var result = changes.ToArray();
        var keys = new Hash32[result.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = result[i].Key;
        // Keys are unique (distinct addresses hash to distinct keys), so the sort alone fixes the
        // order. Sorting the Hash32 keys (IComparable, a value type) alongside is several times
        // faster than sorting the changes through a comparer object.
        Array.Sort(keys, result);
        for (int i = 1; i < result.Length; i++)
            if (result[i].Key == result[i - 1].Key)
                throw new InvalidOperationException($"state key {result[i].Key} was written both as an account and as a raw value");
        return result;
    }

    private ref AccountSlot Slot(Address address)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, address, out bool exists);
        if (!exists)
        {
            var key = AccountKeys.Account(address);
            var record = Accounts.Decode(_base.Get(key));
            slot = new AccountSlot { Key = key, Base = record, Current = record };
        }
        return ref slot;
    }

    private ref RawSlot RawSlotOf(in Hash32 key)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_raw, key, out bool exists);
        if (!exists)
        {
            var value = _base.Get(key);
            slot = new RawSlot { Base = value, Current = value };
        }
        return ref slot;
    }

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private struct AccountSlot
    {
        public Hash32 Key;
        public AccountRecord Base;
        public AccountRecord Current;
        public bool Written;
    }

    private struct RawSlot
    {
        public byte[]? Base;
        public byte[]? Current;
        public bool Written;
    }
}
