using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Node.Storage;
using Seratio.Node.Tests.Chain;

namespace Seratio.Node.Tests.Storage;

public sealed class FileSignerStateStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_WithoutFile_ReturnsNull() => Assert.Null(new FileSignerStateStore(_dir.Sub("s/state.bin")).Load());

    [Fact]
    public void Save_ThenLoadFromNewInstance_ReturnsLastRecord()
    {
        var path = _dir.Sub("s/state.bin");
        var store = new FileSignerStateStore(path);
        store.Save(new SignerRecord(new SignerState(1, 0, VoteStep.Precommit, Hash32.Sha256("a"u8)), new byte[] { 1 }));
        var last = new SignerRecord(new SignerState(7, 3, VoteStep.Prevote, Hash32.Sha256("b"u8)), new byte[] { 9, 8, 7 });
        store.Save(last);
        var loaded = new FileSignerStateStore(path).Load()!;
        Assert.Equal(last.State, loaded.State);
        Assert.Equal(last.PendingBlock.ToArray(), loaded.PendingBlock.ToArray());
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Load_CorruptedFile_Throws()
    {
        var path = _dir.Sub("state.bin");
        new FileSignerStateStore(path).Save(new SignerRecord(new SignerState(5, 0, VoteStep.Precommit, Hash32.Sha256("a"u8)), new byte[] { 1, 2 }));
        var bytes = File.ReadAllBytes(path);
        bytes[8] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<InvalidDataException>(() => new FileSignerStateStore(path).Load());
        Assert.Contains("double-sign", ex.Message);
    }

    [Fact]
    public void Guard_OverFileStore_AfterRestart_RefusesConflictingBlock()
    {
        var path = _dir.Sub("state.bin");
        var key = SigningKey.ForTesting("v");
        new DoubleSignGuard(new FileSignerStateStore(path), key).TrySign("c", new SignerState(3, 0, VoteStep.Precommit, Hash32.Sha256("a"u8)), default, out _);
        var restarted = new DoubleSignGuard(new FileSignerStateStore(path), key);
        Assert.Equal(SignDecision.RefusedConflict, restarted.Check(new SignerState(3, 0, VoteStep.Precommit, Hash32.Sha256("b"u8))));
    }
}
