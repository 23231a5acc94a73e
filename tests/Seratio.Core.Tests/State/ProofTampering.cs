using Google.Protobuf;
using Seratio.Protocol;

namespace Seratio.Core.Tests.State;

/// <summary>
/// Every single-field tamper of a valid proof that must make it fail. A non-membership proof
/// ending at depth d proves the absence of every key sharing its first d bits, so the key is
/// only tampered within those bits there (outside them the proof is still true).
/// </summary>
internal static class ProofTampering
{
    public static IEnumerable<(string What, StateProof Proof)> Tampers(StateProof valid)
    {
        for (int i = 0; i < valid.Siblings.Count; i++)
        {
            foreach (int at in new[] { 0, 31 })
            {
                var p = valid.Clone();
                p.Siblings[i] = Flip(p.Siblings[i], at, 0x01);
                yield return ($"sibling {i} byte {at} flipped", p);
            }
        }

        for (int bit = 0; bit < valid.SiblingBitmap.Length * 8; bit++)
        {
            var p = valid.Clone();
            p.SiblingBitmap = Flip(p.SiblingBitmap, bit >> 3, (byte)(0x80 >> (bit & 7)));
            yield return ($"bitmap bit {bit} flipped", p);
        }

        { var p = valid.Clone(); p.Depth++; yield return ("depth + 1", p); }
        if (valid.Depth > 0) { var p = valid.Clone(); p.Depth--; yield return ("depth - 1", p); }
        { var p = valid.Clone(); p.Exists = !p.Exists; yield return ("exists flipped", p); }
        if (valid.Exists)
        {
            var p = valid.Clone();
            p.Exists = false;
            p.Value = ByteString.Empty;
            yield return ("claimed absent without value", p);
        }

        if (valid.Exists)
        {
            if (valid.Value.Length > 0)
            {
                var p = valid.Clone();
                p.Value = Flip(p.Value, valid.Value.Length - 1, 0x01);
                yield return ("value byte flipped", p);
            }
            var q = valid.Clone();
            q.Value = ByteString.CopyFrom([.. valid.Value.ToByteArray(), 0x00]);
            yield return ("value extended", q);
            foreach (int bit in new[] { 0, 255 })
            {
                var p = valid.Clone();
                p.Key = Flip(p.Key, bit >> 3, (byte)(0x80 >> (bit & 7)));
                yield return ($"key bit {bit} flipped", p);
            }
        }
        else
        {
            foreach (int bit in new[] { 0, (int)valid.Depth - 1 })
            {
                if (bit < 0 || bit >= valid.Depth) continue;
                var p = valid.Clone();
                p.Key = Flip(p.Key, bit >> 3, (byte)(0x80 >> (bit & 7)));
                yield return ($"key bit {bit} (inside the proven prefix) flipped", p);
            }
            if (valid.OtherLeafKey.Length > 0)
            {
                var p = valid.Clone();
                p.OtherLeafValueHash = Flip(p.OtherLeafValueHash, 5, 0x10);
                yield return ("other leaf value hash flipped", p);
                var q = valid.Clone();
                q.OtherLeafKey = Flip(q.OtherLeafKey, 31, 0x01);
                yield return ("other leaf key last bit flipped", q);
                var r = valid.Clone();
                r.OtherLeafKey = r.Key;
                yield return ("other leaf key replaced by the key", r);
            }
        }
    }

    private static ByteString Flip(ByteString bytes, int index, byte mask)
    {
        var copy = bytes.ToByteArray();
        copy[index] ^= mask;
        return ByteString.CopyFrom(copy);
    }
}
