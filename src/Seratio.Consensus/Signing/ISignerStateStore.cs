namespace Seratio.Consensus.Signing;

/// <summary>
/// Durable storage of the last signed state. <see cref="Save"/> returns only once the record
/// survives a crash or power loss; signatures leave the node only after it returns.
/// Implementations are called under the <see cref="DoubleSignGuard"/>'s lock.
/// </summary>
public interface ISignerStateStore
{
    /// <summary>The last saved record, or null when this validator never signed.</summary>
    SignerRecord? Load();

    void Save(SignerRecord record);
}

/// <summary>An <see cref="ISignerStateStore"/> in memory, for tests and simulation. Thread safe.</summary>
public sealed class InMemorySignerStateStore : ISignerStateStore
{
    private readonly Lock _lock = new();
    private SignerRecord? _record;

    public int Saves { get; private set; }

    public SignerRecord? Load()
    {
        lock (_lock) return _record;
    }

    public void Save(SignerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _record = record with { PendingBlock = record.PendingBlock.ToArray() };
            Saves++;
        }
    }
}
