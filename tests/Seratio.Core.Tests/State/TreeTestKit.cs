using Seratio.Core.Crypto;
using Seratio.Core.State;

namespace Seratio.Core.Tests.State;

/// <summary>A tree over an in-memory node source, with the helpers the state tests share.</summary>
internal sealed class TreeTestKit
{
    public InMemoryTreeNodeSource Nodes { get; } = new();
    public SparseMerkleTree Tree { get; }
    public Hash32 Root { get; private set; }

    public TreeTestKit() => Tree = new SparseMerkleTree(Nodes);

    /// <summary>Applies one batch (any order; last write of a key wins) and stores the new nodes.</summary>
    public TreeUpdate Apply(IEnumerable<(Hash32 Key, byte[]? Value)> batch)
    {
        var sorted = new SortedDictionary<Hash32, Hash32?>();
        foreach (var (key, value) in batch) sorted[key] = value is null ? null : SparseMerkleTree.HashValue(value);
        var update = Tree.Update(Root, [.. sorted]);
        Nodes.Add(update.NewNodes);
        Root = update.Root;
        return update;
    }

    public TreeUpdate Set(params (Hash32 Key, byte[]? Value)[] batch) => Apply(batch);

    /// <summary>Makes <paramref name="root"/> (whose nodes the caller added) the current root.</summary>
    public void Adopt(Hash32 root) => Root = root;

    /// <summary>Every node hash reachable from <paramref name="root"/> (throws if one is missing).</summary>
    public HashSet<Hash32> Reachable(Hash32 root)
    {
        var seen = new HashSet<Hash32>();
        var stack = new Stack<Hash32>();
        if (!root.IsZero) stack.Push(root);
        while (stack.Count > 0)
        {
            var hash = stack.Pop();
            if (!seen.Add(hash)) continue;
            var bytes = Nodes.GetNode(hash) ?? throw new InvalidOperationException($"node {hash} missing");
            if (bytes[0] == 1)
            {
                var left = new Hash32(bytes.AsSpan(1, 32));
                var right = new Hash32(bytes.AsSpan(33, 32));
                if (!left.IsZero) stack.Push(left);
                if (!right.IsZero) stack.Push(right);
            }
        }
        return seen;
    }

    public static Hash32 Key(string hex) => Hash32.Parse(hex.PadRight(64, '0'));

    public static Hash32 HashedKey(string label) => Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(label));

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
