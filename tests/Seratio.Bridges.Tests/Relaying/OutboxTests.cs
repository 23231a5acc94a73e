using Seratio.Bridges.Relaying;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>The relayer's outbox file: what one relayer writes, the next one reads; a file that is no outbox is refused by name.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("seratio-outbox-").FullName;

    [Fact]
    public void Entries_SurviveReopening_WithEveryField()
    {
        var path = Path.Combine(_folder, "o.json");
        var outbox = Outbox.Open(path);
        outbox.Put(new OutboxEntry { Height = 20, State = OutboxState.Included, TxHash = "0xaa", RawTx = "0x02", CallData = "0x12", Nonce = 7, BlockNumber = 9, BlockHash = "0xbb", Attempts = 2 });
        outbox.Put(new OutboxEntry { Height = 10, State = OutboxState.Superseded });

        var reopened = Outbox.Open(path);
        Assert.Equal([10UL, 20UL], reopened.Entries.Select(e => e.Height));
        var entry = reopened.Find(20)!;
        Assert.Equal((OutboxState.Included, "0xaa", "0x02", "0x12", 7UL, 9UL, "0xbb", 2),
            (entry.State, entry.TxHash, entry.RawTx, entry.CallData, entry.Nonce, entry.BlockNumber, entry.BlockHash, entry.Attempts));
        Assert.Equal(20UL, reopened.HighestHeight);
        Assert.Contains("\"Included\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".tmp"), "the temporary file is renamed over the outbox");
    }

    [Fact]
    public void AMissingFile_IsAnEmptyOutbox_AndABrokenOne_IsRefused()
    {
        Assert.Empty(Outbox.Open(Path.Combine(_folder, "none.json")).Entries);
        var broken = Path.Combine(_folder, "broken.json");
        File.WriteAllText(broken, "{ half");
        var e = Assert.Throws<InvalidDataException>(() => Outbox.Open(broken));
        Assert.Contains("move it aside", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
