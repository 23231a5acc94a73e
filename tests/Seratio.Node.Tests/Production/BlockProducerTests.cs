using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Node.Chain;
using Seratio.Node.Production;
using Seratio.Node.Storage;
using Seratio.Node.Tests.Chain;
using Seratio.Node.Tests.Time;
using Seratio.Vm.Genesis;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Production;

public sealed class BlockProducerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly TestPool _pool = new();
    private readonly ObservedTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
        _dir.Dispose();
    }

    private ChainDatabase OpenChain(Core.Chain.Genesis? genesis = null)
    {
        var db = ChainDatabase.Open(_dir.Sub("chain"), genesis ?? Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes));
        _owned.Add(db);
        return db;
    }

    private BlockProducer Producer(ChainDatabase db, ProducerOptions? options = null)
    {
        var key = new ValidatorKey(SigningKey.ForTesting("validator"));
        var producer = new BlockProducer(db, _pool, new TestExecution(), key, new FileSignerStateStore(_dir.Sub("signer-state.bin")),
            _time, Options.Create(options ?? new ProducerOptions()), NullLogger<BlockProducer>.Instance);
        _owned.Add(key);
        _owned.Add(producer);
        return producer;
    }

    [Fact]
    public void ProduceNext_WithPendingTransfers_CommitsThemAndAppliesState()
    {
        var db = OpenChain();
        var producer = Producer(db);
        var t1 = Build.Transfer(Build.Alice, Build.Bob.Address, 100, 0);
        var t2 = Build.Transfer(Build.Alice, Build.Bob.Address, 50, 1);
        _pool.Add(t1, t2);
        var block = producer.ProduceNext();
        Assert.Equal(1UL, db.Head.Height);
        Assert.Equal(block.Hash, db.Head.BlockHash);
        Assert.Equal([t1.Hash, t2.Hash], block.Txs.Select(t => t.Hash));
        Assert.Equal(0, _pool.Count);
        Assert.Same(block, Assert.Single(_pool.Committed));
        Assert.Equal("155", Build.Account(db.GetState(StateKeys.Account(Build.Bob.Address), 1))!.Balance);
        Assert.Equal("5", Build.Account(db.GetState(StateKeys.Account(Build.Bob.Address), 0))!.Balance);
        Assert.Equal(2UL, Build.Account(db.LatestState.Get(StateKeys.Account(Build.Alice.Address)))!.Nonce);
        Assert.Equal(block.Receipts[1], db.GetTx(t2.Hash)!.Receipt);
    }

    [Fact]
    public void ProduceNext_HeaderCarriesRootsProposerValidatorsAndParentCommit()
    {
        var db = OpenChain();
        var producer = Producer(db);
        var first = producer.ProduceNext();
        _pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 1, 0));
        var second = producer.ProduceNext();
        var header = second.Block.Header;
        var set = ValidatorSet.FromGenesis(db.Genesis);
        Assert.Equal(first.Hash.ToByteString(), header.ParentHash);
        Assert.Equal(first.Commit, second.Block.LastCommit);
        Assert.Equal(BlockHashing.CommitHash(first.Commit).ToByteString(), header.LastCommitHash);
        Assert.Equal(Hash32.Zero.ToByteString(), first.Block.Header.LastCommitHash);
        Assert.Equal(set.Hash.ToByteString(), header.ValidatorsHash);
        Assert.Equal(Build.Validator.Address.ToByteString(), header.Proposer);
        Assert.Equal(BinaryMerkle.Root([second.Txs[0].Bytes]).ToByteString(), header.TxRoot);
        Assert.Equal(BinaryMerkle.Root([second.Receipts[0].ToByteArray()]).ToByteString(), header.ResultsRoot);
        Assert.Equal(db.StateRootAt(2)!.Value.ToByteString(), header.StateRoot);
        Assert.Equal(1u, header.TxCount);
        Assert.Equal(BlockHashing.HeaderHash(header), second.Hash);
        Assert.True(CommitVerifier.Verify(second.Commit, set, db.ChainId, out var reason), reason);
    }

    [Fact]
    public void ProduceNext_BlockTime_IsNowButAlwaysAfterParent()
    {
        var db = OpenChain();
        var producer = Producer(db);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), producer.ProduceNext().Block.Header.TimeUnixMs);
        var second = producer.ProduceNext(); // the clock did not move
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds() + 1, second.Block.Header.TimeUnixMs);
    }

    [Fact]
    public async Task Run_WithFakeTime_MakesBlocksForTransactionsAndEmptyBlocksOnlyAfterTheInterval()
    {
        var db = OpenChain();
        var producer = Producer(db, new ProducerOptions { BlockIntervalMs = 200, EmptyBlockIntervalMs = 1000 });
        _pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 1, 0));
        await producer.StartAsync(CancellationToken.None);
        await Tick(); // 200 ms: the pool holds a transaction
        Assert.Equal(1UL, db.Head.Height);
        for (int i = 0; i < 4; i++) await Tick(); // 1000 ms: still less than 1000 ms since block 1 at 200 ms
        Assert.Equal(1UL, db.Head.Height);
        await Tick(); // 1200 ms: 1000 ms since block 1
        Assert.Equal(2UL, db.Head.Height);
        Assert.Equal(0u, db.GetBlock(2)!.Block.Header.TxCount);
        await producer.StopAsync(CancellationToken.None);
    }

    private async Task Tick()
    {
        await WaitUntil(() => _time.ActiveTimers == 1);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        await WaitUntil(() => _time.ActiveTimers == 1); // the loop finished its turn and waits again
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached in 10 s");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Run_WhenNotTheOnlyValidator_ProducesNothing()
    {
        var db = OpenChain(Build.Genesis(Build.ChainId, SigningKey.ForTesting("validator"), SigningKey.ForTesting("other")));
        var producer = Producer(db);
        Assert.False(producer.CanProduce);
        _pool.Add(Build.Transfer(Build.Alice, Build.Bob.Address, 1, 0));
        await producer.StartAsync(CancellationToken.None);
        await producer.ExecuteTask!;
        Assert.Equal(0UL, db.Head.Height);
        Assert.Throws<InvalidOperationException>(() => producer.ProduceNext());
    }

    [Fact]
    public void Restart_ResumesFromTheCommittedHead()
    {
        Hash32 last;
        {
            var db = OpenChain();
            var producer = Producer(db);
            for (int i = 0; i < 3; i++) producer.ProduceNext();
            last = db.Head.BlockHash;
            foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
            _owned.Clear();
        }
        var reopened = OpenChain();
        Assert.Equal(3UL, reopened.Head.Height);
        var next = Producer(reopened).ProduceNext();
        Assert.Equal(4UL, next.Height);
        Assert.Equal(last.ToByteString(), next.Block.Header.ParentHash);
    }

    [Fact]
    public async Task Restart_AfterSigningButBeforeCommit_RecommitsTheSignedBlock()
    {
        var db = OpenChain();
        var tx = Build.Transfer(Build.Alice, Build.Bob.Address, 7, 0);
        // What a producer does up to the signature, then "crashes" before ChainDatabase.Commit.
        var assembled = new BlockAssembler(db, new TestExecution(), ValidatorSet.FromGenesis(db.Genesis).Hash)
            .Assemble([tx], _time.GetUtcNow().ToUnixTimeMilliseconds() + 5, Build.Validator.Address);
        using (var key = SigningKey.ForTesting("validator"))
        {
            var guard = new DoubleSignGuard(new FileSignerStateStore(_dir.Sub("signer-state.bin")), key);
            var state = new SignerState(1, 0, VoteStep.Precommit, assembled.Hash);
            Assert.Equal(SignDecision.Signed, guard.TrySign(db.ChainId, state, assembled.Block.ToByteArray(), out _));
        }
        Assert.Equal(0UL, db.Head.Height);

        var producer = Producer(db); // restarted: the pool lost the transaction, the clock moved on
        _time.Advance(TimeSpan.FromSeconds(3));
        await producer.StartAsync(CancellationToken.None);
        await WaitUntil(() => db.Head.Height == 1);
        await producer.StopAsync(CancellationToken.None);
        Assert.Equal(assembled.Hash, db.Head.BlockHash);
        Assert.Equal(tx.Bytes.ToArray(), db.GetBlock(1)!.Block.Txs.Single().ToByteArray());
        Assert.NotNull(db.GetTx(tx.Hash));
        Assert.True(CommitVerifier.Verify(db.GetCommit(1)!, ValidatorSet.FromGenesis(db.Genesis), db.ChainId, out var reason), reason);
    }

    [Fact]
    public void ProduceNext_WhenAnotherBlockWasSignedAtThatHeight_RefusesToSign()
    {
        var db = OpenChain();
        var other = new BlockAssembler(db, new TestExecution(), ValidatorSet.FromGenesis(db.Genesis).Hash)
            .Assemble([], 42, Build.Validator.Address);
        using (var key = SigningKey.ForTesting("validator"))
            new DoubleSignGuard(new FileSignerStateStore(_dir.Sub("signer-state.bin")), key)
                .TrySign(db.ChainId, new SignerState(1, 0, VoteStep.Precommit, other.Hash), ReadOnlyMemory<byte>.Empty, out _);
        var producer = Producer(db);
        var ex = Assert.Throws<InvalidOperationException>(() => producer.ProduceNext());
        Assert.Contains("RefusedConflict", ex.Message);
        Assert.Equal(0UL, db.Head.Height);
    }
}
