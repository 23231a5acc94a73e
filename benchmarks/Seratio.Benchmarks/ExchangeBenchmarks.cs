using BenchmarkDotNet.Attributes;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Exchange;

namespace Seratio.Benchmarks;

/// <summary>
/// The exchange through the Vm (issue 11): a block of one placement, a block of one cancel and a block of
/// <see cref="Placements"/> placements from as many accounts (a quarter of them crossing the mid, so the
/// block's batch trades), each through <see cref="BlockExecutor"/> with everything a block does (begin-block,
/// the transactions, the end-of-block batch), against a market altcoin/SER whose book rests
/// <see cref="Resting"/> orders on 100 price levels (500 traders, 20 orders each). Beside them the same
/// blocks of SER transfers, the baseline of the target (order placements at least half the
/// transfer rate). Each run executes against the same prepared state, so every invocation does the same work.
/// </summary>
[MemoryDiagnoser]
public class ExchangeBenchmarks
{
    [Params(10_000)] public int Resting;
    [Params(1_000)] public int Placements;

    private const string ChainId = "seratio-bench";
    private const string Symbol = "BENCH";
    private const ulong Tick = 10, Mid = 1_000 * Tick;
    private const int BookTraders = 500;

    private readonly Dictionary<Hash32, byte[]> _state = new();
    private readonly BlockExecutor _executor = new();
    private BlockContext _context = null!;
    private List<SignedTx> _placeOne = [], _cancelOne = [], _transferOne = [], _placeBlock = [], _transferBlock = [];

    [GlobalSetup]
    public void Setup()
    {
        int perTrader = Resting / BookTraders;
        if (perTrader * BookTraders != Resting || perTrader > 50) throw new InvalidOperationException($"Resting must be a multiple of {BookTraders} up to {BookTraders * 50}");
        var book = Keys("book", BookTraders);
        var takers = Keys("taker", Placements);
        using var authority = SigningKey.ForTesting("bench/dex/authority");
        var genesis = new Genesis
        {
            ChainId = ChainId,
            Authority = authority.Address.ToString(),
            Validators = [new GenesisValidator { PublicKey = authority.PublicKey.ToString(), Power = 1 }],
            Accounts = book.Concat(takers).Select(k => k.Address).Append(authority.Address)
                .Select(a => new GenesisAccount { Address = a.ToString(), Balance = Ser.Whole(1_000).ToString() }).ToList(),
        };
        foreach (var change in Seratio.Vm.Genesis.GenesisState.Build(genesis)) _state[change.Key] = change.Value!;

        ulong height = 0, authorityNonce = 0;
        BlockContext Next() => new(ChainId, ++height, genesis.GenesisTimeUnixMs + 1000 * (long)height, authority.Address, genesis.Params);
        Apply(Next(), [Sign(authority, authorityNonce++,
            new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.RewardingBody } },
            new Msg { CreateAsset = new MsgCreateAsset { Symbol = Symbol, Name = "bench", Decimals = 0, MaxSupply = "1000000000000", MintAuthority = authority.Address.ToByteString() } })]);
        // Every account may sell: each gets base units (sellers of the book are the odd book traders and half the takers).
        var mints = book.Concat(takers).Chunk(50).Select(chunk => Sign(authority, authorityNonce++, chunk.Select(k => new Msg
        {
            MintAsset = new MsgMintAsset { Symbol = Symbol, To = k.Address.ToByteString(), Amount = "1000000" },
        }).ToArray())).ToList();
        Apply(Next(), [.. mints, Sign(authority, authorityNonce++, new Msg
        {
            CreateMarket = new MsgCreateMarket { Base = Symbol, Quote = "SER", TickSize = "10", LotSize = "1", MinOrderValue = "1000", MakerFeeBps = 5, TakerFeeBps = 10 },
        })]);
        ulong market = Exchange.LastMarketId(new BenchChain.Reader(_state));

        // The resting book: even traders bid 1..50 ticks below the mid, odd traders ask 1..50 ticks above it, one
        // placement per trader per block (the block's batch rests them: none crosses).
        for (int round = 0; round < perTrader; round++)
        {
            int r = round;
            Apply(Next(), Sign(book, (k, i) => Place(market, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, Away(i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 1 + (i + 7 * r) % 50), 1 + (ulong)((i + r) % 5)), (ulong)r));
        }
        var reader = new BenchChain.Reader(_state);
        if (Exchange.LastOrderId(reader) != (ulong)Resting) throw new InvalidOperationException($"the book holds {Exchange.LastOrderId(reader)} orders, not {Resting}");

        // The measured blocks, all at the next height: one passive bid below the book; the cancel of a resting order
        // placed halfway through the book's building (inside a level's queue); N placements of which a quarter reach
        // 1-2 ticks through the mid (they trade with each other and the book's best levels) and the rest rest below
        // and above the book; and the transfer baselines.
        ulong middle = (ulong)(Resting / 2 + 1);
        var owner = Exchange.GetOrder(reader, middle) ?? throw new InvalidOperationException("no order to cancel");
        var cancelKey = book.Single(k => k.Address == new Address(owner.Owner.Span));
        if (owner.Status != OrderStatus.Open) throw new InvalidOperationException($"order {middle} is {owner.Status}, not resting: is the end-of-block batch there?");
        _placeOne = [Sign(takers[0], 0, Place(market, OrderSide.Buy, Away(OrderSide.Buy, 60), 1))];
        _cancelOne = [Sign(cancelKey, (ulong)perTrader, new Msg { CancelOrder = new MsgCancelOrder { OrderId = middle } })];
        _transferOne = [Sign(takers[0], 0, new Msg { Transfer = new MsgTransfer { To = takers[1].Address.ToByteString(), Denom = Ser.Symbol, Amount = "1000" } })];
        _placeBlock = Sign(takers, (k, i) =>
        {
            var side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
            return Place(market, side, i % 8 < 2 ? Away(side, -1 - i / 8 % 2) : Away(side, 51 + i % 20), 1 + (ulong)(i % 5));
        }, 0);
        _transferBlock = Sign(takers, (k, i) => new Msg { Transfer = new MsgTransfer { To = takers[(i + 1) % takers.Length].Address.ToByteString(), Denom = Ser.Symbol, Amount = "1000" } }, 0);
        _context = Next();
        foreach (var (name, block) in new[] { ("place", _placeOne), ("cancel", _cancelOne), ("placements", _placeBlock), ("transfers", _transferBlock) })
        {
            var outcome = _executor.Execute(new BenchChain.Reader(_state), _context, block);
            if (outcome.Receipts.FirstOrDefault(r => r.Code != ResultCode.Ok) is { } failed) throw new InvalidOperationException($"benchmark block '{name}' failed: {failed.Code} {failed.Log}");
        }
        foreach (var k in book.Concat(takers)) k.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int OneTransfer() => Execute(_transferOne);

    [Benchmark]
    public int PlaceOneOrder() => Execute(_placeOne);

    [Benchmark]
    public int CancelOneOrder() => Execute(_cancelOne);

    [Benchmark]
    public int BlockOfTransfers() => Execute(_transferBlock);

    [Benchmark]
    public int BlockOfPlacements() => Execute(_placeBlock);

    private int Execute(List<SignedTx> txs) => _executor.Execute(new BenchChain.Reader(_state), _context, txs).Changes.Count;

    /// <summary>A price <paramref name="ticks"/> ticks from the mid on the passive side of <paramref name="side"/> (negative: through the mid).</summary>
    private static ulong Away(OrderSide side, int ticks) => (ulong)((long)Mid + (side == OrderSide.Buy ? -ticks : ticks) * (long)Tick);

    private static Msg Place(ulong market, OrderSide side, ulong price, ulong quantity) => new()
    {
        PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = side, Price = price.ToString(System.Globalization.CultureInfo.InvariantCulture), Quantity = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeInForce = TimeInForce.Gtc },
    };

    private static SigningKey[] Keys(string group, int count)
    {
        var keys = new SigningKey[count];
        Parallel.For(0, count, i => keys[i] = SigningKey.ForTesting($"bench/dex/{group}/{i}"));
        return keys;
    }

    private static List<SignedTx> Sign(SigningKey[] keys, Func<SigningKey, int, Msg> msg, ulong nonce)
    {
        var txs = new SignedTx[keys.Length];
        Parallel.For(0, keys.Length, i => txs[i] = Sign(keys[i], nonce, msg(keys[i], i)));
        return txs.ToList();
    }

    private void Apply(BlockContext context, IReadOnlyList<SignedTx> txs) => BenchChain.Apply(_executor, _state, context, txs);

    private static SignedTx Sign(SigningKey key, ulong nonce, params Msg[] msgs) => BenchChain.Sign(ChainId, key, nonce, 100_000, msgs);

}
