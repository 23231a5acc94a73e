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

    public static string Encode(string hrp, ReadOnlySpan<byte> data)
    {
        // Addresses are encoded for every transfer event: 5-bit groups go to a stack buffer.
        int groups = (data.Length * 8 + 4) / 5;
        Span<byte> values = groups <= 256 ? stackalloc byte[groups] : new byte[groups];
        int acc = 0, bits = 0, n = 0;
        foreach (var value in data)
        {
            acc = ((acc << 8) | value) & 0xFFF;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                values[n++] = (byte)((acc >> bits) & 31);
            }
        }
        if (bits > 0) values[n++] = (byte)((acc << (5 - bits)) & 31);
        return EncodeBase32(hrp, values[..n]);
    }

    /// <summary>Encodes 5-bit <paramref name="values"/> (each 0..31) under <paramref name="hrp"/> with a bech32m checksum.</summary>
    public static string EncodeBase32(string hrp, ReadOnlySpan<byte> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(hrp);
        foreach (var v in values)
            if (v > 31) throw new ArgumentException($"A base-32 value is 0..31, got {v}.", nameof(values));
        uint mod = Polymod(Polymod(PolymodOfHrp(hrp), values), stackalloc byte[6]) ^ Constant;
        return string.Create(hrp.Length + 1 + values.Length + 6, (hrp, mod, values.ToArray()), static (chars, state) =>
        {
            var (h, m, vals) = state;
            h.CopyTo(chars);
            chars[h.Length] = '1';
            int i = h.Length + 1;
            foreach (var v in vals) chars[i++] = Charset[v];
            for (int k = 0; k < 6; k++) chars[i++] = Charset[(int)((m >> (5 * (5 - k))) & 31)];
        });
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
        if (Polymod(PolymodOfHrp(part), all) != Constant) { error = "checksum does not match (a typo?)"; return false; }
        hrp = part;
        values = all[..^6];
        return true;
    }

    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>The checksum state after the expanded human-readable part: high bits of each char, 0, low bits of each char.</summary>
    private static uint PolymodOfHrp(string hrp)
    {
        uint chk = 1;
        foreach (char c in hrp) chk = Step(chk, (byte)(c >> 5));
        chk = Step(chk, 0);
        foreach (char c in hrp) chk = Step(chk, (byte)(c & 31));
        return chk;
    }

    private static uint Polymod(uint chk, ReadOnlySpan<byte> values)
    {
        foreach (var v in values) chk = Step(chk, v);
        return chk;
    }

    private static uint Step(uint chk, byte value)
    {
        uint top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        var generator = Generator;
        for (int i = 0; i < 5; i++)
            if (((top >> i) & 1) != 0) chk ^= generator[i];
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
