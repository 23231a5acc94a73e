using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// A small sorted set of ids stored as one <see cref="OrderIdChunk"/> under one key (pending orders of a market,
/// markets with pending orders, an expiry height's orders, a certificate's orders, the active certificates); an empty
/// set deletes its key. Stateless; thread safe.
/// </summary>
internal static class IdSet
{
    public static IReadOnlyList<ulong> Read(IStateReader state, in Hash32 key) =>
        Exchange.Decode(state.Get(key), OrderIdChunk.Parser, "id set")?.OrderIds ?? (IReadOnlyList<ulong>)[];

    public static void Add(IStateView view, in Hash32 key, ulong id)
    {
        var set = Exchange.Decode(view.Get(key), OrderIdChunk.Parser, "id set") ?? new OrderIdChunk();
        int at = Search(set, id);
        if (at >= 0) return;
        set.OrderIds.Insert(~at, id);
        view.Set(key, set.ToByteArray());
    }

    public static void Remove(IStateView view, in Hash32 key, ulong id)
    {
        var set = Exchange.Decode(view.Get(key), OrderIdChunk.Parser, "id set");
        if (set is null) return;
        int at = Search(set, id);
        if (at < 0) return;
        set.OrderIds.RemoveAt(at);
        view.Set(key, set.OrderIds.Count == 0 ? null : set.ToByteArray());
    }

    private static int Search(OrderIdChunk set, ulong id)
    {
        int lo = 0, hi = set.OrderIds.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            ulong at = set.OrderIds[mid];
            if (at == id) return mid;
            if (at < id) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }
}
