using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Consensus.Wal;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Node.Consensus;

/// <summary>
/// The consensus write-ahead log in one file: records <c>length (4, BE) || checksum (first 4 bytes of
/// SHA-256 of the entry) || encoded <see cref="ConsensusWalEntry"/></c>. A start-of-height entry
/// truncates the file (earlier heights are committed, their inputs obsolete). <see cref="Sync"/> is an
/// fsync. On open, a torn or corrupt tail (a crash in the middle of an append) is cut off. Only the
/// entries of the latest height are kept in memory. Not thread safe: one engine uses it.
/// </summary>
public sealed class FileConsensusWal : IConsensusWal, IDisposable
{
    private const int HeaderSize = 8;
    private const int MaxEntryBytes = 64 * 1024 * 1024;
    private readonly FileStream _file;
    private readonly List<byte[]> _entries = [];

    public FileConsensusWal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(directory);
        _file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        long valid = ReadExisting();
        if (valid < _file.Length)
        {
            _file.SetLength(valid);
            _file.Flush(flushToDisk: true);
        }
        _file.Position = valid;
    }

    public string FilePath { get; }

    /// <summary>Entries held for the latest started height.</summary>
    public int Count => _entries.Count;

    public void Append(ConsensusWalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = entry.ToByteArray();
        if (entry.KindCase == ConsensusWalEntry.KindOneofCase.StartHeight)
        {
            _entries.Clear();
            _file.SetLength(0);
            _file.Position = 0;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteInt32BigEndian(header, bytes.Length);
        Checksum(bytes, header[4..]);
        _file.Write(header);
        _file.Write(bytes);
        _entries.Add(bytes);
    }

    public void Sync() => _file.Flush(flushToDisk: true);

    public IReadOnlyList<ConsensusWalEntry> ReadHeight(ulong height)
    {
        var result = new List<ConsensusWalEntry>(_entries.Count);
        foreach (var bytes in _entries)
        {
            var entry = ConsensusWalEntry.Parser.ParseFrom(bytes);
            if (result.Count == 0)
            {
                if (entry.KindCase != ConsensusWalEntry.KindOneofCase.StartHeight || entry.StartHeight != height) return [];
                result.Add(entry);
            }
            else if (HeightOf(entry) == height) result.Add(entry); // a record of another height can only be a leftover of a torn truncation
        }
        return result;
    }

    private static ulong HeightOf(ConsensusWalEntry entry) => entry.KindCase switch
    {
        ConsensusWalEntry.KindOneofCase.StartHeight => entry.StartHeight,
        ConsensusWalEntry.KindOneofCase.Message => entry.Message.KindCase == ConsensusMessage.KindOneofCase.Proposal
            ? entry.Message.Proposal.Height : entry.Message.Vote?.Height ?? 0,
        ConsensusWalEntry.KindOneofCase.Timeout => entry.Timeout.Height,
        ConsensusWalEntry.KindOneofCase.Validated => entry.Validated.Height,
        ConsensusWalEntry.KindOneofCase.Proposed => entry.Proposed.Height,
        _ => 0,
    };

    /// <summary>Loads the records of the latest height; returns the length of the valid prefix.</summary>
    private long ReadExisting()
    {
        _file.Position = 0;
        long valid = 0;
        Span<byte> header = stackalloc byte[HeaderSize];
        Span<byte> sum = stackalloc byte[4];
        while (true)
        {
            if (_file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize) break;
            int length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length < 0 || length > MaxEntryBytes || valid + HeaderSize + length > _file.Length) break;
            var bytes = new byte[length];
            if (_file.ReadAtLeast(bytes, length, throwOnEndOfStream: false) < length) break;
            Checksum(bytes, sum);
            if (!sum.SequenceEqual(header[4..])) break;
            ConsensusWalEntry entry;
            try { entry = ConsensusWalEntry.Parser.ParseFrom(bytes); }
            catch (InvalidProtocolBufferException) { break; }
            if (entry.KindCase == ConsensusWalEntry.KindOneofCase.StartHeight) _entries.Clear();
            _entries.Add(bytes);
            valid += HeaderSize + length;
        }
        return valid;
    }

    private static void Checksum(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Hash32.Sha256(bytes).CopyTo(hash);
        hash[..4].CopyTo(destination);
    }

    public void Dispose() => _file.Dispose();
}
