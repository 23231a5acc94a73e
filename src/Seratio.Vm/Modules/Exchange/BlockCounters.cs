using Seratio.Core.Addressing;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// The per-block counters of the exchange's limits (params.exchange.max_actions_per_block, max_block_orders) and the
/// block's pending markets, under transient keys (<see cref="ExchangeKeys.TransientPrefix"/>) that the block's batch
/// deletes again (<see cref="Clear"/>), so they leave nothing in the state root. Stateless; thread safe.
/// </summary>
internal static class BlockCounters
{
    /// <summary>The placements plus cancels <paramref name="owner"/> made in this block.</summary>
    public static uint Actions(IStateView view, Address owner) => Exchange.DecodeU32(view.Get(ExchangeKeys.Actions(owner)), "action counter");

    /// <summary>The block's placements so far.</summary>
    public static uint Placements(IStateView view) => Exchange.DecodeU32(view.Get(ExchangeKeys.Placements()), "placement counter");

    public static void CountAction(IStateView view, Address owner)
    {
        uint actions = Actions(view, owner);
        if (actions == 0)
        {
            var actors = view.Get(ExchangeKeys.Actors()) ?? [];
            var next = new byte[actors.Length + Address.Size];
            actors.CopyTo(next, 0);
            owner.CopyTo(next.AsSpan(actors.Length));
            view.Set(ExchangeKeys.Actors(), next);
        }
        view.Set(ExchangeKeys.Actions(owner), Exchange.EncodeU32(checked(actions + 1)));
    }

    public static void CountPlacement(IStateView view) => view.Set(ExchangeKeys.Placements(), Exchange.EncodeU32(checked(Placements(view) + 1)));

    /// <summary>Deletes every transient counter of the block (the pending lists are deleted by the batch as it reads them).</summary>
    public static void Clear(IStateView view)
    {
        var actors = view.Get(ExchangeKeys.Actors());
        if (actors is not null)
        {
            if (actors.Length % Address.Size != 0) throw new InvalidDataException("state holds an exchange actor list that is not whole addresses");
            for (int i = 0; i < actors.Length; i += Address.Size)
                view.Set(ExchangeKeys.Actions(new Address(actors.AsSpan(i, Address.Size))), null);
            view.Set(ExchangeKeys.Actors(), null);
        }
        if (view.Get(ExchangeKeys.Placements()) is not null) view.Set(ExchangeKeys.Placements(), null);
    }
}
