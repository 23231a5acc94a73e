using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Govex;

/// <summary>
/// A node on a loopback port that knows one market (7), one proposal (3) and one grant (5) and answers NotFound for any
/// other id, as the real node does; it counts the calls it gets, so a test can show that bad input never reached it.
/// </summary>
public sealed class FakeGovexNode : NodeApi.NodeApiBase
{
    public const ulong MarketId = 7, ProposalId = 3, GrantId = 5;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>What the portal asked for last: the book's depth, the markets' and the votes' page sizes.</summary>
    public uint LastDepth { get; private set; }
    public uint LastMarketsPageSize { get; private set; }
    public uint LastVotesPageSize { get; private set; }

    private void Count() => Interlocked.Increment(ref _calls);

    public static async Task<(WebApplication App, FakeGovexNode Node, string Url)> StartAsync()
    {
        var node = new FakeGovexNode();
        var (app, url) = await Support.FakeNodeHost.StartAsync(node);
        return (app, node, url);
    }

    private static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"{what} not found"));

    public static MarketState Market => new()
    {
        Id = MarketId, Base = "GVX", Quote = "SER", TickSize = "1", LotSize = "10", MinOrderValue = "10", MakerFeeBps = 10, TakerFeeBps = 20,
        LastPrice = "5", LastTradeHeight = 40, TradeCount = 1, OpenOrders = 3, VolumeBase = "30", VolumeQuote = "150", CreatedHeight = 30,
    };

    public override Task<MarketResponse> GetMarket(GetMarketRequest request, ServerCallContext context)
    {
        Count();
        return request.Id == MarketId ? Task.FromResult(new MarketResponse { Market = Market, BestBid = "4", BestAsk = "6", Height = 50 }) : throw NotFound($"market {request.Id}");
    }

    public override Task<ListMarketsResponse> ListMarkets(ListMarketsRequest request, ServerCallContext context)
    {
        Count();
        LastMarketsPageSize = request.PageSize;
        if (request.PageToken is not ("" or "7")) throw new RpcException(new Status(StatusCode.InvalidArgument, $"page token '{request.PageToken}' is not one this node gave"));
        var r = new ListMarketsResponse { Height = 50, Total = 1 };
        if (request.PageToken == "") r.Markets.Add(Market);
        return Task.FromResult(r);
    }

    public override Task<OrderBookResponse> GetOrderBook(GetOrderBookRequest request, ServerCallContext context)
    {
        Count();
        LastDepth = request.Depth;
        if (request.MarketId != MarketId) throw NotFound($"market {request.MarketId}");
        var book = new OrderBookResponse { MarketId = MarketId, LastPrice = "5", Height = 50 };
        book.Bids.Add(new PriceLevel { Price = "4", Quantity = "20", Orders = 1 });
        book.Bids.Add(new PriceLevel { Price = "3", Quantity = "10", Orders = 1 });
        book.Asks.Add(new PriceLevel { Price = "6", Quantity = "40", Orders = 1 });
        return Task.FromResult(book);
    }

    public override Task<ListTradesResponse> ListTrades(ListTradesRequest request, ServerCallContext context)
    {
        Count();
        var r = new ListTradesResponse { Height = 50 };
        r.Trades.Add(new TradeRecord { MarketId = MarketId, Sequence = 1, Height = 40, Price = "5", Quantity = "30", BuyOrderId = 2, SellOrderId = 1, Buyer = Google.Protobuf.ByteString.CopyFrom(new byte[20]), Seller = Google.Protobuf.ByteString.CopyFrom(new byte[20]), BuyerFee = "1", SellerFee = "1" });
        return Task.FromResult(r);
    }

    public static ProposalState Proposal => new()
    {
        Id = ProposalId, Title = "Accredit an issuer", Status = ProposalStatus.Executed, Proposer = Google.Protobuf.ByteString.CopyFrom(new byte[20]),
        Params = new DafParams { MinDeposit = "100000000", QuorumBps = 3340, ThresholdBps = 5000, VetoThresholdBps = 3340, CriticalThresholdBps = 6667, ExpeditedThresholdBps = 6667, VotingPeriod = 10, Timelock = 3 },
        TotalDeposit = "100000000", Depositors = 1, SubmitHeight = 10, DepositEndHeight = 29, VotingStartHeight = 10, VotingEndHeight = 19, TotalWeight = 4,
        Tally = new TallyResult { Yes = 3, No = 1 }, PassedHeight = 19, ExecuteHeight = 22, ExecutedHeight = 22, Gas = 10000,
        Msgs = { new Msg { GrantRole = new MsgGrantRole { Account = Google.Protobuf.ByteString.CopyFrom(new byte[20]), Role = Role.Issuer } } },
    };

    public override Task<ProposalResponse> GetProposal(GetProposalRequest request, ServerCallContext context)
    {
        Count();
        return request.Id == ProposalId ? Task.FromResult(new ProposalResponse { Proposal = Proposal, Height = 50 }) : throw NotFound($"proposal {request.Id}");
    }

    public override Task<ListVotesResponse> ListVotes(ListVotesRequest request, ServerCallContext context)
    {
        Count();
        LastVotesPageSize = request.PageSize;
        var r = new ListVotesResponse { Height = 50, Total = 1 };
        r.Votes.Add(new VoteRecord { ProposalId = ProposalId, Voter = Google.Protobuf.ByteString.CopyFrom(new byte[20]), Option = VoteOption.Yes, Weight = 1, Height = 12 });
        return Task.FromResult(r);
    }

    public override Task<MembersResponse> GetMembers(GetMembersRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new MembersResponse { TotalWeight = 4, Height = 50 });
    }

    public static DafParams Params => new() { MinDeposit = "100000000", StakingAsset = "SER", ConvictionDecayNum = 9, ConvictionDecayDen = 10, GrantMaxRatioBps = 2000, GrantWeightPpm = 2500 };

    public override Task<DafParamsResponse> GetDafParams(GetDafParamsRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new DafParamsResponse { Params = Params, Height = 50, Governs = true });
    }

    public override Task<GrantResponse> GetGrant(GetGrantRequest request, ServerCallContext context)
    {
        Count();
        if (request.Id != GrantId) throw NotFound($"grant {request.Id}");
        // The docs' worked example: 4 SER staked from height 10 at a = 9/10, 20 SER threshold.
        var grant = new GrantState
        {
            Id = GrantId, Title = "Seed bank", Amount = "1000000000", Status = GrantStatus.Open, Staked = "4000000", Conviction = "0", LastHeight = 10,
            CreatedHeight = 5, ExpireHeight = 1000, NextCheckHeight = 17, Stakers = 2,
            Requester = Google.Protobuf.ByteString.CopyFrom(new byte[20]), Beneficiary = Google.Protobuf.ByteString.CopyFrom(new byte[20]),
        };
        return Task.FromResult(new GrantResponse { Grant = grant, ConvictionNow = "18742360", ThresholdNow = "20000000", Height = 16 });
    }

    public override Task<GrantStakeResponse> GetGrantStake(GetGrantStakeRequest request, ServerCallContext context)
    {
        Count();
        throw NotFound($"no stake of {request.Staker} on grant {request.GrantId}");
    }

    public override Task<ListProposalsResponse> ListProposals(ListProposalsRequest request, ServerCallContext context)
    {
        Count();
        var r = new ListProposalsResponse { Height = 50, LastId = ProposalId, NextPageToken = request.PageToken == "" ? "2" : "" };
        r.Proposals.Add(Proposal);
        return Task.FromResult(r);
    }

    public override Task<TreasuryResponse> GetTreasury(GetTreasuryRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new TreasuryResponse { Balance = "10000000000", DepositsHeld = "0", TotalStaked = "8000000", StakingAsset = "SER", Height = 50 });
    }

    public override Task<ListGrantsResponse> ListGrants(ListGrantsRequest request, ServerCallContext context)
    {
        Count();
        return Task.FromResult(new ListGrantsResponse { Height = 50 });
    }
}
