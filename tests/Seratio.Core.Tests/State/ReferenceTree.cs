using System.Security.Cryptography;
using System.Text;
using Seratio.Core.Crypto;

namespace Seratio.Core.Tests.State;

/// <summary>
/// The state root computed straight from the definition in docs/state-proofs.md, written
/// independently of the production tree: no nodes, no compression bookkeeping, just
/// "0 keys = zero, 1 key = its leaf, otherwise split on the next bit".
/// </summary>
internal static class ReferenceTree
{
    public static Hash32 Root(SortedDictionary<Hash32, byte[]> state)
    {
        var keys = new List<byte[]>(state.Count);
        var valueHashes = new List<byte[]>(state.Count);
        foreach (var (key, value) in state)
        {
            keys.Add(key.ToArray());
            valueHashes.Add(Sha("seratio/value", value));
        }
        return new Hash32(RootOf(keys, valueHashes, 0, keys.Count, 0));
    }

    public static byte[] ValueHash(byte[] value) => Sha("seratio/value", value);

    private static byte[] RootOf(List<byte[]> keys, List<byte[]> valueHashes, int from, int to, int depth)
    {
        if (to == from) return new byte[32];
        if (to - from == 1) return Sha("seratio/leaf", [.. keys[from], .. valueHashes[from]]);
        int split = from;
        while (split < to && BitAt(keys[split], depth) == 0) split++;
        var left = RootOf(keys, valueHashes, from, split, depth + 1);
        var right = RootOf(keys, valueHashes, split, to, depth + 1);
        return Sha("seratio/node", [.. left, .. right]);
    }

    private static int BitAt(byte[] key, int bit) => (key[bit / 8] >> (7 - bit % 8)) & 1;

    private static byte[] Sha(string tag, byte[] data) => SHA256.HashData([.. Encoding.ASCII.GetBytes(tag), .. data]);
}
