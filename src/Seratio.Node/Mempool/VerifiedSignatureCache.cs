using Seratio.Core.Crypto;
using Seratio.Core.Transactions;

namespace Seratio.Node.Mempool;

/// <summary>
/// Remembers transactions whose signatures verified, keyed by transaction hash AND the exact
/// signature bytes (the hash covers only the body, so a copy of a body with a forged
/// signature must not pass). Bounded: the oldest entry goes first. Thread safe.
/// </summary>
public sealed class VerifiedSignatureCache
{
    private readonly object _gate = new();
    private readonly Dictionary<Hash32, byte[]> _signatures;
    private readonly Queue<Hash32> _order;
    private readonly int _capacity;

    public VerifiedSignatureCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _signatures = new Dictionary<Hash32, byte[]>(Math.Min(capacity, 1 << 16));
        _order = new Queue<Hash32>(Math.Min(capacity, 1 << 16));
    }

    public int Count { get { lock (_gate) return _signatures.Count; } }

    /// <summary>True when this very transaction (body and signature) verified before.</summary>
    public bool IsVerified(SignedTx tx)
    {
        lock (_gate)
            return _signatures.TryGetValue(tx.Hash, out var signature) && SignatureOf(tx).SequenceEqual(signature);
    }

    /// <summary>Verifies unless cached; caches a success. Verification runs outside the cache's lock.</summary>
    public bool Verify(SignedTx tx)
    {
        if (IsVerified(tx)) return true;
        if (!TxDecoder.VerifySignatures(tx)) return false;
        Add(tx);
        return true;
    }

    public void Add(SignedTx tx)
    {
        var signature = SignatureOf(tx).ToArray();
        lock (_gate)
        {
            if (_signatures.ContainsKey(tx.Hash))
            {
                _signatures[tx.Hash] = signature;
                return;
            }
            while (_signatures.Count >= _capacity)
                _signatures.Remove(_order.Dequeue());
            _signatures.Add(tx.Hash, signature);
            _order.Enqueue(tx.Hash);
        }
    }

    private static ReadOnlySpan<byte> SignatureOf(SignedTx tx) => tx.Tx.Signatures[0].Signature.Span;
}
