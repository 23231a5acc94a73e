using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Market = Seratio.Vm.Modules.Exchange.Exchange;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;
using DafApi = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>
/// A passed proposal that places an order from the treasury acts like a transaction of its block: the DAF's end-of-block
/// step runs before the exchange's batch, so the batch clears the order in the same block and removes its transient keys.
/// </summary>
public sealed class TreasuryOrderTests
{
    [Fact]
    public void ProposalOrder_FromTheTreasury_RestsAfterItsOwnBlocksBatch_AndLeavesNoTransientKey()
    {
        var chain = LifecycleTests.MarketChain();
        Ok(chain.Send("alice", Transfer(DafApi.Address, 10_000)));
        Ok(chain.Propose("alice", "1000", ExMsgs.Buy(1, "5", "100")));
        chain.VoteAll(1, VoteOption.Yes, "m1", "m2", "m3");
        chain.AdvanceTo(chain.Proposal(1).VotingEndHeight);
        ulong at = chain.Proposal(1).ExecuteHeight;
        chain.AdvanceTo(at);

        Assert.Equal(ProposalStatus.Executed, chain.Proposal(1).Status);
        ulong orderId = Market.LastOrderId(chain.State);
        var order = Market.GetOrder(chain.State, orderId)!;
        Assert.Equal(DafApi.Address.ToByteString(), order.Owner);
        Assert.Equal(at, order.PlacedHeight);
        Assert.Equal(OrderStatus.Open, order.Status); // cleared by the batch of the block that executed the proposal
        foreach (var key in new[] { ExchangeKeys.Pending(1), ExchangeKeys.PendingMarkets(), ExchangeKeys.Placements(), ExchangeKeys.Actors(), ExchangeKeys.Actions(DafApi.Address) })
            Assert.Null(chain.State.Get(key));
    }
}
