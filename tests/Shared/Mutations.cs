using CsCheck;

namespace Seratio.Tests.Shared;

/// <summary>Byte-level mutations of valid encodings: flip, insert, delete and truncate, one to six at a time.</summary>
internal static class Mutations
{
    public static Gen<byte[]> Of(byte[][] valid) =>
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1 << 20], Gen.Byte).List[1, 6])
            .Select((which, ops) => Apply(valid[which], ops));

    private static byte[] Apply(byte[] original, List<(int Op, int At, byte Value)> ops)
    {
        var bytes = new List<byte>(original);
        foreach (var (op, at, value) in ops)
        {
            int i = bytes.Count == 0 ? 0 : at % bytes.Count;
            switch (op)
            {
                case 0 when bytes.Count > 0: bytes[i] ^= (byte)(value | 1); break;
                case 1: bytes.Insert(i, value); break;
                case 2 when bytes.Count > 0: bytes.RemoveRange(i, Math.Min(1 + value % 8, bytes.Count - i)); break;
                case 3: bytes.RemoveRange(i, bytes.Count - i); break;
            }
        }
        return [.. bytes];
    }
}
