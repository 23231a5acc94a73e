using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Node.Chain;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Chain;

/// <summary>Consensus hands Commit the encodings it already made; they must be what the store keeps.</summary>
public sealed class PreEncodedCommitTests : IDisposable
{
    private readonly TempDir _dir = new();

    private ChainDatabase Open() => ChainDatabase.Open(_dir.Sub("chain"), Build.Genesis(), GenesisState.Build, nodes => new TestCommitment(nodes));

    [Fact]
    public void Commit_WithPreEncodedBlockAndReceipts_StoresThemAndReadsBackTheSameBlockAndReceipt()
    {
        using var db = Open();
        var tx = Build.Transfer(Build.Alice, Build.Bob.Address, 5, 0);
        var changes = new[] { new StateChange(Build.Key("k"), [1]) };
        var (block, update) = TestBlocks.Next(db, changes, tx);
        db.Commit(block, update, changes, block.Block.ToByteArray(), block.Receipts.Select(r => r.ToByteArray()).ToList());
        Assert.Equal(block.Hash, db.GetBlock(1)!.Hash);
        Assert.Equal(block.Receipts[0], db.GetTx(tx.Hash)!.Receipt);
    }

    [Fact]
    public void Commit_WithAWrongNumberOfEncodedReceipts_IsRefused()
    {
        using var db = Open();
        var tx = Build.Transfer(Build.Alice, Build.Bob.Address, 5, 0);
        var changes = new[] { new StateChange(Build.Key("k"), [1]) };
        var (block, update) = TestBlocks.Next(db, changes, tx);
        var ex = Assert.Throws<InvalidOperationException>(() => db.Commit(block, update, changes, encodedReceipts: []));
        Assert.Contains("encoded receipts", ex.Message);
        Assert.Equal(0UL, db.Head.Height);
    }

    public void Dispose() => _dir.Dispose();
}
