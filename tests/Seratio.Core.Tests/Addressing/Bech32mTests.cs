using Seratio.Core.Addressing;

namespace Seratio.Core.Tests.Addressing;

public sealed class Bech32mTests
{
    // BIP-350 "Test vectors for Bech32m": valid generic strings.
    public static TheoryData<string> Bip350Valid() =>
    [
        "A1LQFN3A",
        "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11" + new string('l', 83) + "udsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
        "?1v759aa",
    ];

    // BIP-350 invalid generic strings, each with the reason the BIP gives.
    public static TheoryData<string, string> Bip350Invalid() => new()
    {
        { "\u0020" + "1xj0phk", "HRP character out of range" },
        { "\u007F" + "1g6xzxy", "HRP character out of range" },
        { "\u0080" + "1vctc34", "HRP character out of range" },
        { "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4", "overall max length exceeded" },
        { "qyrz8wqd2c9m", "no separator character" },
        { "1qyrz8wqd2c9m", "empty HRP" },
        { "y1b0jsk6g", "invalid data character" },
        { "lt1igcx5c0", "invalid data character" },
        { "in1muywd", "too short checksum" },
        { "mm1crxm3i", "invalid character in checksum" },
        { "au1s5cgom", "invalid character in checksum" },
        { "M1VUXWEZ", "checksum calculated with uppercase form of HRP" },
        { "16plkw9", "empty HRP" },
        { "1p2gdwpf", "empty HRP" },
    };

    [Theory]
    [MemberData(nameof(Bip350Valid))]
    public void Bip350ValidString_Decodes_AndReEncodesToItsLowerCaseForm(string text)
    {
        Assert.True(Bech32m.TryDecodeBase32(text, out var hrp, out var values, out var error), error);
        Assert.Equal(text.ToLowerInvariant(), Bech32m.EncodeBase32(hrp, values));
    }

    [Theory]
    [MemberData(nameof(Bip350Invalid))]
    public void Bip350InvalidString_IsRejected_WithAReason(string text, string why)
    {
        Assert.False(Bech32m.TryDecodeBase32(text, out _, out _, out var error), why);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.False(Bech32m.TryDecode(text, out _, out _, out _), why);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(40)]
    public void Bytes_RoundTrip(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 37 + 11)).ToArray();
        var text = Bech32m.Encode("ser", data);
        Assert.True(Bech32m.TryDecode(text, out var hrp, out var decoded, out var error), error);
        Assert.Equal("ser", hrp);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void AnySingleCharacterChange_IsDetectedByTheChecksum()
    {
        var text = Bech32m.Encode("ser", Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        const string charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        for (int i = 4; i < text.Length; i++)
            foreach (char c in charset)
            {
                if (c == text[i]) continue;
                var changed = text[..i] + c + text[(i + 1)..];
                Assert.False(Bech32m.TryDecode(changed, out _, out _, out _), $"change at {i} to '{c}' went unnoticed");
            }
    }

    [Fact]
    public void NonZeroPaddingBits_AreRejectedWhenDecodingBytes()
    {
        // One 5-bit value 'l' (31) cannot be whole bytes: 5 bits of non-zero padding.
        var text = Bech32m.EncodeBase32("ser", [31]);
        Assert.True(Bech32m.TryDecodeBase32(text, out _, out _, out _));
        Assert.False(Bech32m.TryDecode(text, out _, out _, out var error));
        Assert.Contains("padding", error);
    }
}
