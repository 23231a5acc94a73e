using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules;

/// <summary>
/// What a handler may use while executing one message: the transaction's state view, the
/// sender (the signing key's account, an organisation account whose keys met its threshold, or the DAF executing a passed proposal), the block context and the list its events go to (kept only when
/// every message of the transaction succeeds), and the block's address text cache for events.
/// <see cref="TxHash"/> is the hash of the transaction the message is part of (default in tests that run
/// a handler alone); <see cref="MsgIndex"/> is the message's position in it (the exchange's time priority hashes both).
/// Valid for one message; not thread safe.
/// </summary>
public readonly struct MsgContext(IStateView state, Address sender, BlockContext block, List<Event> events, AddressText addresses,
    Hash32 txHash = default, uint msgIndex = 0)
{
    public AddressText Addresses { get; } = addresses;
    public IStateView State { get; } = state;
    public Address Sender { get; } = sender;
    public BlockContext Block { get; } = block;
    public List<Event> Events { get; } = events;
    public Hash32 TxHash { get; } = txHash;
    public uint MsgIndex { get; } = msgIndex;
}
