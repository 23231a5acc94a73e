using Google.Protobuf;
using Seratio.Node.Consensus;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>The file WAL: what a restarted validator reads back, torn tails, truncation at each new height.</summary>
public sealed class FileConsensusWalTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("seratio-wal-test-");
    private string WalPath => Path.Combine(_dir.FullName, "data", "consensus.wal");

    private static ConsensusWalEntry Start(ulong height) => new() { StartHeight = height };
    private static ConsensusWalEntry Timeout(ulong height, uint round) =>
        new() { Timeout = new WalTimeout { Height = height, Round = round, Step = TimeoutStep.Prevote } };

    [Fact]
    public void Reopen_AfterSync_ReturnsTheEntriesOfTheHeightInOrder()
    {
        using (var wal = new FileConsensusWal(WalPath))
        {
            wal.Append(Start(7));
            wal.Append(Timeout(7, 0));
            wal.Append(Timeout(7, 1));
            wal.Sync();
        }
        using var reopened = new FileConsensusWal(WalPath);
        var entries = reopened.ReadHeight(7);
        Assert.Equal([Start(7), Timeout(7, 0), Timeout(7, 1)], entries);
        Assert.Empty(reopened.ReadHeight(8));
    }

    [Fact]
    public void StartOfANewHeight_TruncatesTheFile()
    {
        using (var wal = new FileConsensusWal(WalPath))
        {
            wal.Append(Start(1));
            for (uint r = 0; r < 50; r++) wal.Append(Timeout(1, r));
            wal.Sync();
            long before = new FileInfo(WalPath).Length;
            wal.Append(Start(2));
            wal.Sync();
            Assert.True(new FileInfo(WalPath).Length < before / 10);
        }
        using var reopened = new FileConsensusWal(WalPath);
        Assert.Empty(reopened.ReadHeight(1));
        Assert.Equal([Start(2)], reopened.ReadHeight(2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void TornTail_IsCutOff_AndAppendingContinuesAfterTheValidPrefix(int cut)
    {
        using (var wal = new FileConsensusWal(WalPath))
        {
            wal.Append(Start(3));
            wal.Append(Timeout(3, 0));
            wal.Append(Timeout(3, 1));
            wal.Sync();
        }
        var bytes = File.ReadAllBytes(WalPath);
        File.WriteAllBytes(WalPath, bytes[..^cut]); // a crash in the middle of the last append
        using (var wal = new FileConsensusWal(WalPath))
        {
            Assert.Equal([Start(3), Timeout(3, 0)], wal.ReadHeight(3));
            wal.Append(Timeout(3, 2));
            wal.Sync();
        }
        using var reopened = new FileConsensusWal(WalPath);
        Assert.Equal([Start(3), Timeout(3, 0), Timeout(3, 2)], reopened.ReadHeight(3));
    }

    [Fact]
    public void CorruptedRecord_EndsTheLog()
    {
        using (var wal = new FileConsensusWal(WalPath))
        {
            wal.Append(Start(4));
            wal.Append(Timeout(4, 0));
            wal.Sync();
        }
        var bytes = File.ReadAllBytes(WalPath);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(WalPath, bytes);
        using var reopened = new FileConsensusWal(WalPath);
        Assert.Equal([Start(4)], reopened.ReadHeight(4));
    }

    public void Dispose()
    {
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}
