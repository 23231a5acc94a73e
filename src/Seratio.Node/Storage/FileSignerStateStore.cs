using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Node.Storage;

/// <summary>
/// <see cref="ISignerStateStore"/> in one file, replaced atomically and durably on each save:
/// write a temporary file, fsync it, rename it over the old one, fsync the directory (on Unix).
/// Layout: "SRSS" | version (1) | height (8 BE) | round (4 BE) | step (1) | block hash (32) |
/// pending block length (4 BE) | pending block | SHA-256 of everything before (32).
/// Not thread safe on its own; the <see cref="DoubleSignGuard"/> serialises calls.
/// </summary>
public sealed class FileSignerStateStore : ISignerStateStore
{
    private static readonly byte[] Magic = "SRSS"u8.ToArray();
    private const byte Version = 1;
    private const int HeaderSize = 4 + 1 + 8 + 4 + 1 + Hash32.Size + 4;

    public FileSignerStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
    }

    public string FilePath { get; }

    public SignerRecord? Load()
    {
        if (!File.Exists(FilePath)) return null;
        var bytes = File.ReadAllBytes(FilePath);
        return Decode(bytes) ?? throw new InvalidDataException(
            $"Signer state file {FilePath} is corrupt. Refusing to start a validator that might double-sign: " +
            "restore it from a backup, or delete it only if you are sure this key never signed at a later height.");
    }

    public void Save(SignerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var directory = System.IO.Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(directory);
        var temp = FilePath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            stream.Write(Encode(record));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, FilePath, overwrite: true);
        DirectorySync.Fsync(directory);
    }

    internal static byte[] Encode(SignerRecord record)
    {
        var pending = record.PendingBlock.Span;
        var bytes = new byte[HeaderSize + pending.Length + Hash32.Size];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span[4] = Version;
        BinaryPrimitives.WriteUInt64BigEndian(span[5..], record.State.Height);
        BinaryPrimitives.WriteUInt32BigEndian(span[13..], record.State.Round);
        span[17] = (byte)record.State.Step;
        record.State.BlockHash.CopyTo(span[18..]);
        BinaryPrimitives.WriteInt32BigEndian(span[50..], pending.Length);
        pending.CopyTo(span[HeaderSize..]);
        Hash32.Sha256(span[..(HeaderSize + pending.Length)]).CopyTo(span[(HeaderSize + pending.Length)..]);
        return bytes;
    }

    internal static SignerRecord? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize + Hash32.Size || !bytes[..4].SequenceEqual(Magic) || bytes[4] != Version) return null;
        int length = BinaryPrimitives.ReadInt32BigEndian(bytes[50..]);
        if (length < 0 || bytes.Length != HeaderSize + length + Hash32.Size) return null;
        var body = bytes[..(HeaderSize + length)];
        if (Hash32.Sha256(body) != new Hash32(bytes[(HeaderSize + length)..])) return null;
        var state = new SignerState(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[5..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[13..]),
            (VoteStep)bytes[17],
            new Hash32(bytes.Slice(18, Hash32.Size)));
        return new SignerRecord(state, bytes.Slice(HeaderSize, length).ToArray());
    }
}

/// <summary>fsync of a directory, so that a rename inside it is durable. A no-op where the OS offers no such call.</summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY: Linux opens directories with it (O_DIRECTORY's value differs by architecture)

    public static void Fsync(string directory)
    {
        if (!OperatingSystem.IsLinux()) return; // Windows: rename via MoveFileEx is metadata-journaled; macOS would need F_FULLFSYNC
        int fd = Open(directory, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (FsyncNative(fd) != 0) throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generated stubs would need unsafe code in this project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FsyncNative(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
