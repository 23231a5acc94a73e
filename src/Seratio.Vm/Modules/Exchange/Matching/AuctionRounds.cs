using Seratio.Protocol;

namespace Seratio.Vm.Modules.Exchange.Matching;

/// <summary>
/// The clearing rounds of one batch. A round finds the clearing price and allocates; while some FOK order would fill less
/// than wholly, every such FOK is cancelled FOK_UNFILLED and the round runs again, until stable. Each extra round is work
/// of one unit per active participant, charged to the same budget as the resting reads (<see cref="AuctionInput.MaxRestingReads"/>):
/// when the budget cannot pay for the next round, every FOK still in play is cancelled MATCH_LIMIT instead and one last
/// round, with no FOK left, settles the batch (so the work exceeds the budget by at most one round, and an adversarial
/// cascade of FOK orders cannot make a block's batch cost more than O(budget + participants)). Stateless; thread safe.
/// </summary>
internal static class AuctionRounds
{
    public sealed record Outcome(Clearing? Clearing, int Rounds, long Work);

    /// <param name="work">The work done before the rounds (the resting orders read).</param>
    public static Outcome Run(List<Participant> buys, List<Participant> sells, AuctionInput input, long work, List<AuctionCancel> cancels)
    {
        var ladder = new PriceLadder(buys, sells);
        var fok = new List<Participant>();
        foreach (var side in new[] { buys, sells })
            foreach (var p in side)
                if (p.IsIncoming && p.Order.TimeInForce == TimeInForce.Fok) fok.Add(p);
        fok.Sort((a, b) => OrderPriority.Canonical(a.Order, b.Order));
        for (int rounds = 1; ; rounds++)
        {
            var clearing = ladder.Clear(buys, sells, input.LastPrice);
            Allocation.Allocate(buys, sells, clearing, input.LotSize);
            bool removed = false;
            foreach (var p in fok)
            {
                if (!p.Active || p.Fill == p.Order.Remaining) continue;
                cancels.Add(new AuctionCancel(p.Order.Id, CancelReason.FokUnfilled,
                    $"fill-or-kill: the batch could fill only {p.Fill} of {p.Order.Remaining}" + (clearing is null ? "" : $" at {clearing.Price}")));
                p.Active = false;
                removed = true;
            }
            if (!removed) return new Outcome(clearing, rounds, work);

            long cost = Active(buys) + Active(sells);
            if (work + cost > input.MaxRestingReads)
            {
                foreach (var p in fok)
                {
                    if (!p.Active) continue;
                    cancels.Add(new AuctionCancel(p.Order.Id, CancelReason.MatchLimit,
                        $"the block's matching work cap ({input.MaxRestingReads}) ran out while fill-or-kill orders were re-cleared; resubmit"));
                    p.Active = false;
                }
                cost = Active(buys) + Active(sells);
                var last = ladder.Clear(buys, sells, input.LastPrice);
                Allocation.Allocate(buys, sells, last, input.LotSize);
                return new Outcome(last, rounds + 1, work + cost);
            }
            work += cost;
        }
    }

    private static int Active(List<Participant> side)
    {
        int count = 0;
        foreach (var p in side)
            if (p.Active) count++;
        return count;
    }
}
