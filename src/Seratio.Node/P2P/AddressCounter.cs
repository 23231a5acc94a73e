namespace Seratio.Node.P2P;

/// <summary>Counts what is in progress per remote address, up to a bound each. Thread safe (one lock); entries at zero are removed.</summary>
internal sealed class AddressCounter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public bool TryEnter(string address, int max)
    {
        lock (_lock)
        {
            int n = _counts.TryGetValue(address, out var c) ? c : 0;
            if (n >= max) return false;
            _counts[address] = n + 1;
            return true;
        }
    }

    public void Exit(string address)
    {
        lock (_lock)
        {
            if (!_counts.TryGetValue(address, out var n)) return;
            if (n <= 1) _counts.Remove(address);
            else _counts[address] = n - 1;
        }
    }

    public int Count(string address) { lock (_lock) return _counts.TryGetValue(address, out var n) ? n : 0; }
}
