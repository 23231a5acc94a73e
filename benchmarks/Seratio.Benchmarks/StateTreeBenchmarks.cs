using BenchmarkDotNet.Attributes;
using Seratio.Core.Crypto;
using Seratio.Core.State;

namespace Seratio.Benchmarks;

/// <summary>
/// One block's state-root computation: 10,000 changed keys (updates and inserts) applied to a
/// tree of 1,000,000 keys, nodes served from memory (RocksDB's block cache in a warm node).
/// </summary>
[MemoryDiagnoser]
public class StateTreeBenchmarks
{
    [Params(1_000_000)] public int TreeKeys;
    [Params(10_000)] public int ChangedKeys;

    private InMemoryTreeNodeSource _nodes = null!;
    private SparseMerkleTree _tree = null!;
    private Hash32 _root;
    private List<KeyValuePair<Hash32, Hash32?>>[] _batches = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _nodes = new InMemoryTreeNodeSource();
        _tree = new SparseMerkleTree(_nodes);
        var random = new Random(20261126);
        var keys = new Hash32[TreeKeys];
        var buffer = new byte[32];
        for (int i = 0; i < keys.Length; i++) { random.NextBytes(buffer); keys[i] = new Hash32(buffer); }
        _root = Hash32.Zero;
        const int chunk = 100_000;
        for (int start = 0; start < keys.Length; start += chunk)
        {
            var changes = keys.AsSpan(start, Math.Min(chunk, keys.Length - start)).ToArray()
                .Select(k => new KeyValuePair<Hash32, Hash32?>(k, SparseMerkleTree.HashValue(k.ToArray())))
                .OrderBy(p => p.Key).ToList();
            var update = _tree.Update(_root, changes);
            _nodes.Add(update.NewNodes);
            _root = update.Root;
        }
        // Half the changes update existing keys, half insert new ones, like a block of transfers to fresh recipients.
        _batches = Enumerable.Range(0, 8).Select(_ =>
        {
            var batch = new Dictionary<Hash32, Hash32?>();
            while (batch.Count < ChangedKeys)
            {
                Hash32 key;
                if (batch.Count % 2 == 0) key = keys[random.Next(keys.Length)];
                else { random.NextBytes(buffer); key = new Hash32(buffer); }
                random.NextBytes(buffer);
                batch[key] = SparseMerkleTree.HashValue(buffer);
            }
            return batch.OrderBy(p => p.Key).ToList();
        }).ToArray();
    }

    [Benchmark]
    public Hash32 UpdateOneBlock()
    {
        var batch = _batches[_next++ % _batches.Length];
        return _tree.Update(_root, batch).Root; // new nodes are not kept, so every run starts from the same tree
    }
}
