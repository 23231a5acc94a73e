using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seratio.Bridges.Relaying;

/// <summary>
/// The relayer's memory on disk: one <see cref="OutboxEntry"/> per checkpoint height, saved as JSON after every change by
/// writing a temporary file, flushing it to the disk and renaming it over the old one, so a crash leaves the old file or
/// the new one, never half of either. Not thread safe: one relayer loop owns it.
/// </summary>
public sealed class Outbox
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _path;
    private readonly SortedDictionary<ulong, OutboxEntry> _entries;

    private Outbox(string path, SortedDictionary<ulong, OutboxEntry> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>Entries by ascending height.</summary>
    public IReadOnlyCollection<OutboxEntry> Entries => _entries.Values;

    /// <summary>Opens the outbox at <paramref name="path"/>, empty when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">the file is not an outbox.</exception>
    public static Outbox Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var entries = new SortedDictionary<ulong, OutboxEntry>();
        if (File.Exists(path))
        {
            List<OutboxEntry>? list;
            try
            {
                list = JsonSerializer.Deserialize<List<OutboxEntry>>(File.ReadAllText(path), Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"the relayer outbox {path} is not valid JSON ({e.Message}); move it aside to start afresh", e);
            }
            foreach (var entry in list ?? []) entries[entry.Height] = entry;
        }
        return new Outbox(path, entries);
    }

    /// <summary>The entry of <paramref name="height"/>, or null.</summary>
    public OutboxEntry? Find(ulong height) => _entries.GetValueOrDefault(height);

    /// <summary>The highest height recorded, 0 when empty.</summary>
    public ulong HighestHeight => _entries.Count == 0 ? 0 : _entries.Keys.Max();

    /// <summary>Adds or replaces the entry of its height and saves.</summary>
    public void Put(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[entry.Height] = entry;
        Save();
    }

    /// <summary>Writes the file atomically (temporary file, fsync, rename).</summary>
    public void Save()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(_path))!;
        Directory.CreateDirectory(folder);
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _entries.Values.ToList(), Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, _path, overwrite: true);
    }
}
