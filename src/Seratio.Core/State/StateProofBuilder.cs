using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.State;

/// <summary>
/// Builds <see cref="StateProof"/>s by walking from the root towards the key
/// (docs/state-proofs.md). Reads one node per level. Thread safe when the source is.
/// </summary>
internal static class StateProofBuilder
{
    public static StateProof Build(ITreeNodeSource source, Hash32 root, Hash32 key)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<Hash32> siblings = new Hash32[256];
        Span<byte> bitmap = stackalloc byte[32];
        bitmap.Clear();
        int count = 0, depth = 0;
        var hash = root;
        var proof = new StateProof { Key = key.ToByteString() };

        while (!hash.IsZero)
        {
            var node = TreeNodeReader.Read(source, hash);
            if (node.IsLeaf)
            {
                if (node.Key == key)
                {
                    proof.Exists = true;
                }
                else
                {
                    proof.OtherLeafKey = node.Key.ToByteString();
                    proof.OtherLeafValueHash = node.ValueHash.ToByteString();
                }
                break;
            }
            if (depth >= 256) throw new InvalidDataException($"State tree under {root} is deeper than 256 levels.");
            bool right = key.Bit(depth) == 1;
            var sibling = right ? node.Left : node.Right;
            if (!sibling.IsZero)
            {
                bitmap[depth >> 3] |= (byte)(0x80 >> (depth & 7));
                siblings[count++] = sibling;
            }
            hash = right ? node.Right : node.Left;
            depth++;
        }

        proof.Depth = (uint)depth;
        proof.SiblingBitmap = ByteString.CopyFrom(bitmap[..((depth + 7) / 8)]);
        for (int i = count - 1; i >= 0; i--) proof.Siblings.Add(siblings[i].ToByteString());
        return proof;
    }
}
