namespace Seratio.Core.Addressing;

/// <summary>
/// Bech32m (BIP-350) encoding of byte strings: a human-readable part, '1', base-32 data and a
/// six-character checksum. Pure functions; thread safe.
/// </summary>
public static class Bech32m
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Constant = 0x2bc830a3;
    private const int MaxLength = 90;

    public static string Encode(string hrp, ReadOnlySpan<byte> data) => EncodeBase32(hrp, ConvertBits(data, 8, 5, pad: true)!);

    /// <summary>Encodes 5-bit <paramref name="values"/> (each 0..31) under <paramref name="hrp"/> with a bech32m checksum.</summary>
    public static string EncodeBase32(string hrp, ReadOnlySpan<byte> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(hrp);
        var checksum = CreateChecksum(hrp, values.ToArray());
        var chars = new char[hrp.Length + 1 + values.Length + 6];
        hrp.CopyTo(0, chars, 0, hrp.Length);
        chars[hrp.Length] = '1';
        int i = hrp.Length + 1;
        foreach (var v in values)
        {
            if (v > 31) throw new ArgumentException($"A base-32 value is 0..31, got {v}.", nameof(values));
            chars[i++] = Charset[v];
        }
        foreach (var v in checksum) chars[i++] = Charset[v];
        return new string(chars);
    }

    /// <summary>Decodes <paramref name="text"/>; on failure <paramref name="error"/> says why in words a person can act on.</summary>
    public static bool TryDecode(string text, out string hrp, out byte[] data, out string error)
    {
        data = [];
        if (!TryDecodeBase32(text, out hrp, out var values, out error)) return false;
        var decoded = ConvertBits(values, 5, 8, pad: false);
        if (decoded is null) { error = "has invalid padding"; return false; }
        data = decoded;
        return true;
    }

    /// <summary>
    /// Checks a bech32m string and returns its human-readable part (lower case) and 5-bit data
    /// values without the checksum, with no conversion to bytes (BIP-350's generic decoding).
    /// </summary>
    public static bool TryDecodeBase32(string text, out string hrp, out byte[] values, out string error)
    {
        hrp = ""; values = []; error = "";
        if (string.IsNullOrEmpty(text)) { error = "empty string"; return false; }
        if (text.Length > MaxLength) { error = $"longer than {MaxLength} characters"; return false; }
        bool lower = false, upper = false;
        foreach (char c in text)
        {
            if (c < 33 || c > 126) { error = "contains a character outside printable ASCII"; return false; }
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
        }
        if (lower && upper) { error = "mixes upper and lower case"; return false; }
        text = text.ToLowerInvariant();
        int separator = text.LastIndexOf('1');
        if (separator < 1) { error = "has no human-readable part before '1'"; return false; }
        if (separator + 7 > text.Length) { error = "is too short to carry a checksum"; return false; }
        var part = text[..separator];
        var all = new byte[text.Length - separator - 1];
        for (int i = 0; i < all.Length; i++)
        {
            int v = Charset.IndexOf(text[separator + 1 + i]);
            if (v < 0) { error = $"'{text[separator + 1 + i]}' is not a bech32 character"; return false; }
            all[i] = (byte)v;
        }
        if (Polymod(ExpandHrp(part).Concat(all)) != Constant) { error = "checksum does not match (a typo?)"; return false; }
        hrp = part;
        values = all[..^6];
        return true;
    }

    private static byte[] CreateChecksum(string hrp, byte[] values)
    {
        var input = ExpandHrp(hrp).Concat(values).Concat(new byte[6]);
        uint mod = Polymod(input) ^ Constant;
        var result = new byte[6];
        for (int i = 0; i < 6; i++) result[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        return result;
    }

    private static IEnumerable<byte> ExpandHrp(string hrp)
    {
        foreach (char c in hrp) yield return (byte)(c >> 5);
        yield return 0;
        foreach (char c in hrp) yield return (byte)(c & 31);
    }

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            uint top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++)
                if (((top >> i) & 1) != 0) chk ^= generator[i];
        }
        return chk;
    }

    private static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        int acc = 0, bits = 0, maxv = (1 << toBits) - 1;
        var result = new List<byte>(data.Length * fromBits / toBits + 1);
        foreach (var value in data)
        {
            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }
        if (pad)
        {
            if (bits > 0) result.Add((byte)((acc << (toBits - bits)) & maxv));
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0)
        {
            return null;
        }
        return result.ToArray();
    }
}
