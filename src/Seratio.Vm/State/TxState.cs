using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.State;

/// <summary>
/// The per-transaction view over a <see cref="BlockState"/> (or over another view: the DAF executes a passed proposal in
/// one over the end-of-block state, so that a failing message leaves nothing behind): reads see the transaction's own
/// writes first, writes stay here until <see cref="Commit"/> moves them into the block state
/// (messages succeeded) or <see cref="Discard"/> drops them (a message failed). One instance is
/// reused for every transaction of a block, so it allocates nothing once warm. A transaction
/// touches few keys (at most one per message plus the sender), hence the linear lists.
/// Not thread safe.
/// </summary>
public sealed class TxState : IStateView
{
    private readonly IStateView _block;
    private readonly List<KeyValuePair<Address, AccountRecord>> _accounts = new(4);
    private readonly List<KeyValuePair<Hash32, byte[]?>> _raw = new();

    public TxState(BlockState block) : this((IStateView)block)
    {
    }

    /// <summary>A view over any parent view; <see cref="Commit"/> writes into it.</summary>
    public TxState(IStateView block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _block = block;
    }

    public bool IsEmpty => _accounts.Count == 0 && _raw.Count == 0;

    public AccountRecord GetAccount(Address address)
    {
        for (int i = 0; i < _accounts.Count; i++)
            if (_accounts[i].Key == address) return _accounts[i].Value;
        return _block.GetAccount(address);
    }

    public void SetAccount(Address address, AccountRecord account)
    {
        for (int i = 0; i < _accounts.Count; i++)
        {
            if (_accounts[i].Key != address) continue;
            _accounts[i] = new(address, account);
            return;
        }
        _accounts.Add(new(address, account));
    }

    public byte[]? Get(in Hash32 key)
    {
        for (int i = 0; i < _raw.Count; i++)
            if (_raw[i].Key == key) return _raw[i].Value;
        return _block.Get(key);
    }

    public void Set(in Hash32 key, byte[]? value)
    {
        for (int i = 0; i < _raw.Count; i++)
        {
            if (_raw[i].Key != key) continue;
            _raw[i] = new(key, value);
            return;
        }
        _raw.Add(new(key, value));
    }

    /// <summary>Moves every write into the parent (the block state), in write order, and empties this view.</summary>
    public void Commit()
    {
        foreach (var (address, account) in _accounts) _block.SetAccount(address, account);
        foreach (var (key, value) in _raw) _block.Set(key, value);
        Discard();
    }

    /// <summary>Drops every write of the transaction.</summary>
    public void Discard()
    {
        _accounts.Clear();
        _raw.Clear();
    }
}
