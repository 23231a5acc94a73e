using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Vm.Admission.Checks;

namespace Seratio.Node.Mempool;

/// <summary>
/// Remembers transactions whose signatures verified, keyed by transaction hash AND the exact
/// encoding of the whole signature set, keys and signatures, in envelope order (the hash covers
/// only the body, so neither a copy of a body with a forged signature nor an organisation
/// account's envelope carrying another set of signatures over the same body may ride on an
/// earlier verification). Bounded: within each of its shards the oldest entry goes first.
/// Thread safe; sharded by hash so that admission threads verifying side by side do not queue
/// on one lock.
/// </summary>
public sealed class VerifiedSignatureCache : ITxSignatureVerifier
{
    private readonly Shard[] _shards;

    public VerifiedSignatureCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // Small caches keep one shard, so "capacity" stays exact where tests and tiny nodes look at it.
        int shards = capacity >= 4096 ? 16 : 1;
        _shards = new Shard[shards];
        for (int i = 0; i < shards; i++) _shards[i] = new Shard(capacity / shards + (i < capacity % shards ? 1 : 0));
    }

    public int Count
    {
        get
        {
            int count = 0;
            foreach (var shard in _shards) count += shard.Count;
            return count;
        }
    }

    /// <summary>True when this very transaction (body and every signature) verified before.</summary>
    public bool IsVerified(SignedTx tx) => ShardOf(tx.Hash).IsVerified(tx.Hash, SignaturesOf(tx));

    /// <summary>Verifies unless cached; caches a success. Verification runs outside the cache's locks.</summary>
    public bool Verify(SignedTx tx)
    {
        if (IsVerified(tx)) return true;
        if (!TxDecoder.VerifySignatures(tx)) return false;
        Add(tx);
        return true;
    }

    public void Add(SignedTx tx) => ShardOf(tx.Hash).Add(tx.Hash, SignaturesOf(tx).ToArray());

    private Shard ShardOf(in Hash32 hash) => _shards.Length == 1 ? _shards[0] : _shards[hash.GetHashCode() & (_shards.Length - 1)];

    // The decoder admits only the canonical envelope (body, field 1, then the signatures, field 2), so what follows
    // the body field is exactly the encoded signature set: keys and signatures, in order, without a copy.
    private static ReadOnlySpan<byte> SignaturesOf(SignedTx tx) =>
        tx.Bytes.Span[(1 + Google.Protobuf.CodedOutputStream.ComputeBytesSize(tx.Tx.Body))..];

    private sealed class Shard(int capacity)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Hash32, byte[]> _signatures = new(Math.Min(capacity, 1 << 16));
        private readonly Queue<Hash32> _order = new(Math.Min(capacity, 1 << 16));

        public int Count { get { lock (_gate) return _signatures.Count; } }

        public bool IsVerified(in Hash32 hash, ReadOnlySpan<byte> signature)
        {
            lock (_gate)
                return _signatures.TryGetValue(hash, out var known) && signature.SequenceEqual(known);
        }

        public void Add(in Hash32 hash, byte[] signature)
        {
            lock (_gate)
            {
                if (_signatures.ContainsKey(hash))
                {
                    _signatures[hash] = signature;
                    return;
                }
                while (_signatures.Count >= capacity)
                    _signatures.Remove(_order.Dequeue());
                _signatures.Add(hash, signature);
                _order.Enqueue(hash);
            }
        }
    }
}
