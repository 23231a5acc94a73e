using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.TestKeys;

namespace Seratio.Vm.Tests.State;

public class BlockStateTests
{
    private static readonly Hash32 RawKey = Hash32.Sha256([1, 2, 3]);

    [Fact]
    public void Reads_AreCached_IncludingAbsence()
    {
        var state = new MemoryState().WithAccount("alice", 5);
        var block = new BlockState(state);

        block.GetAccount(Address("alice"));
        block.GetAccount(Address("alice"));
        block.GetAccount(Address("bob"));
        block.GetAccount(Address("bob"));
        block.Get(RawKey);
        block.Get(RawKey);

        Assert.Equal(3, state.Reads);
    }

    [Fact]
    public void WriteBackToTheBaseValue_IsNoChange()
    {
        var block = new BlockState(new MemoryState().WithAccount("alice", 5, nonce: 1));
        var original = block.GetAccount(Address("alice"));
        block.SetAccount(Address("alice"), new AccountRecord(2, 9));
        block.SetAccount(Address("alice"), original);
        block.SetAccount(Address("bob"), AccountRecord.Empty);

        Assert.Empty(block.Changes());
    }

    [Fact]
    public void RawWrites_AppearOnce_AndDeletesAreNull()
    {
        var state = new MemoryState();
        var block = new BlockState(state);
        block.Set(RawKey, [1]);
        block.Set(RawKey, [2]);
        var other = Hash32.Sha256([9]);
        block.Set(other, null);

        var change = Assert.Single(block.Changes());
        Assert.Equal(RawKey, change.Key);
        Assert.Equal(new byte[] { 2 }, change.Value);
    }

    [Fact]
    public void TxState_Commit_MovesWritesIntoTheBlock()
    {
        var block = new BlockState(new MemoryState().WithAccount("alice", 5));
        var tx = new TxState(block);
        tx.SetAccount(Address("alice"), new AccountRecord(0, 1));
        tx.Set(RawKey, [7]);

        Assert.Equal(new Amount(1), tx.GetAccount(Address("alice")).Balance);
        Assert.Equal(new Amount(5), block.GetAccount(Address("alice")).Balance);
        tx.Commit();

        Assert.True(tx.IsEmpty);
        Assert.Equal(new Amount(1), block.GetAccount(Address("alice")).Balance);
        Assert.Equal(new byte[] { 7 }, block.Get(RawKey));
    }

    [Fact]
    public void TxState_Discard_LeavesTheBlockUntouched()
    {
        var block = new BlockState(new MemoryState().WithAccount("alice", 5));
        var tx = new TxState(block);
        tx.SetAccount(Address("alice"), new AccountRecord(0, 1));
        tx.SetAccount(Address("alice"), new AccountRecord(0, 2));
        tx.Set(RawKey, [7]);
        Assert.Equal(new Amount(2), tx.GetAccount(Address("alice")).Balance);

        tx.Discard();

        Assert.Equal(new Amount(5), tx.GetAccount(Address("alice")).Balance);
        Assert.Null(tx.Get(RawKey));
        Assert.Empty(block.Changes());
    }

    [Fact]
    public void Changes_AreSortedByKey()
    {
        var block = new BlockState(new MemoryState());
        for (int i = 0; i < 50; i++) block.SetAccount(Address("k" + i), new AccountRecord(1, 1));

        var changes = block.Changes();

        Assert.Equal(50, changes.Length);
        for (int i = 1; i < changes.Length; i++) Assert.True(changes[i - 1].Key < changes[i].Key);
    }
}
