using CsCheck;
using Seratio.Core.Crypto;

namespace Seratio.Core.Tests.State;

/// <summary>One write of a scenario: pool index, value (null deletes), whether the batch ends after it.</summary>
internal readonly record struct TreeOp(int KeyIndex, byte[]? Value, bool EndsBatch);

/// <summary>
/// A random sequence of inserts, updates and deletes over a small pool of keys chosen to share
/// long prefixes (so paths run deep and deletions have leaves to lift).
/// </summary>
internal sealed record TreeScenario(Hash32[] Pool, TreeOp[] Ops)
{
    public static readonly Gen<TreeScenario> Gen =
        CsCheck.Gen.Select(
            CsCheck.Gen.Select(CsCheck.Gen.Byte.Array[32], CsCheck.Gen.Int[0, 511]).Array[1, 24],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 1000], CsCheck.Gen.Int[0, 3], CsCheck.Gen.Byte.Array[0, 6], CsCheck.Gen.Int[0, 3]).Array[1, 80])
        .Select(t =>
        {
            var pool = BuildPool(t.Item1);
            var ops = new TreeOp[t.Item2.Length];
            for (int i = 0; i < ops.Length; i++)
            {
                var (index, kind, value, end) = t.Item2[i];
                ops[i] = new TreeOp(index % pool.Length, kind == 0 ? null : value, end == 0);
            }
            return new TreeScenario(pool, ops);
        });

    /// <summary>Keys: random bytes; a share value below 256 copies that many leading bits of the previous key.</summary>
    private static Hash32[] BuildPool((byte[] Bytes, int Share)[] raw)
    {
        var keys = new List<Hash32>();
        byte[]? previous = null;
        foreach (var (bytes, share) in raw)
        {
            var key = (byte[])bytes.Clone();
            if (previous is not null && share < 256)
                for (int bit = 0; bit < share; bit++)
                {
                    int mask = 0x80 >> (bit & 7);
                    key[bit >> 3] = (byte)((key[bit >> 3] & ~mask) | (previous[bit >> 3] & mask));
                }
            var hash = new Hash32(key);
            if (!keys.Contains(hash)) keys.Add(hash);
            previous = key;
        }
        return [.. keys];
    }

    /// <summary>The scenario's batches: each a list of (key, value) writes, last write of a key winning.</summary>
    public List<List<(Hash32 Key, byte[]? Value)>> Batches()
    {
        var batches = new List<List<(Hash32, byte[]?)>>();
        var current = new List<(Hash32, byte[]?)>();
        foreach (var op in Ops)
        {
            current.Add((Pool[op.KeyIndex], op.Value));
            if (op.EndsBatch) { batches.Add(current); current = []; }
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }

    /// <summary>The final state after all writes, as the reference model.</summary>
    public SortedDictionary<Hash32, byte[]> FinalState()
    {
        var model = new SortedDictionary<Hash32, byte[]>();
        foreach (var op in Ops)
        {
            if (op.Value is null) model.Remove(Pool[op.KeyIndex]);
            else model[Pool[op.KeyIndex]] = op.Value;
        }
        return model;
    }

    /// <summary>Pool keys plus each with its last bit flipped (absent neighbours sharing 255 bits).</summary>
    public IEnumerable<Hash32> ProbeKeys()
    {
        foreach (var key in Pool)
        {
            yield return key;
            var bytes = key.ToArray();
            bytes[31] ^= 1;
            yield return new Hash32(bytes);
        }
    }

    public override string ToString() =>
        $"pool=[{string.Join(",", Pool.Select(k => k.ToString()[..16]))}] ops=[{string.Join(" ", Ops.Select(o => $"{o.KeyIndex}{(o.Value is null ? "-" : "=" + Convert.ToHexString(o.Value))}{(o.EndsBatch ? "|" : "")}"))}]";
}
