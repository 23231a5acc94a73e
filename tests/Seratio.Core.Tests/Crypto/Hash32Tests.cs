using CsCheck;
using Seratio.Core.Crypto;
using Seratio.Core.Tests.Support;

namespace Seratio.Core.Tests.Crypto;

public sealed class Hash32Tests
{
    private static Hash32 WithBit(int bit)
    {
        var bytes = new byte[32];
        bytes[bit >> 3] = (byte)(0x80 >> (bit & 7));
        return new Hash32(bytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(255)]
    public void Bit_NumbersFromTheMostSignificantBitOfByteZero(int bit)
    {
        var hash = WithBit(bit);
        for (int i = 0; i < 256; i++) Assert.Equal(i == bit ? 1 : 0, hash.Bit(i));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Bit_OutsideZeroTo255_Throws(int bit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hash32.Zero.Bit(bit));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(255)]
    public void CommonPrefixLength_IsTheIndexOfTheFirstDifferingBit(int bit)
    {
        Assert.Equal(bit, Hash32.Zero.CommonPrefixLength(WithBit(bit)));
        Assert.Equal(bit, WithBit(bit).CommonPrefixLength(Hash32.Zero));
    }

    [Fact]
    public void CommonPrefixLength_OfEqualHashes_Is256() =>
        Assert.Equal(256, WithBit(9).CommonPrefixLength(WithBit(9)));

    [Fact]
    public void CompareTo_MatchesLexicographicByteOrder()
    {
        Property.ForAll(Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32], Gen.Int[0, 32]), t =>
        {
            var (a, b, shared) = t;
            Array.Copy(a, b, shared); // often equal prefixes, sometimes entirely equal
            int expected = Math.Sign(a.AsSpan().SequenceCompareTo(b));
            Assert.Equal(expected, Math.Sign(new Hash32(a).CompareTo(new Hash32(b))));
            Assert.Equal(expected == 0, new Hash32(a) == new Hash32(b));
            Assert.Equal(expected < 0, new Hash32(a) < new Hash32(b));
        }, runs: 300, stream: 11);
    }

    [Fact]
    public void Parse_AcceptsOptional0xAndUpperCase_AndToStringIsLowerCase()
    {
        const string hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        var hash = Hash32.Parse(hex);
        Assert.Equal(hash, Hash32.Parse("0x" + hex));
        Assert.Equal(hash, Hash32.Parse(hex.ToUpperInvariant()));
        Assert.Equal(hex, hash.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void TryParse_RejectsWrongLengthOrNonHex(string? text)
    {
        Assert.False(Hash32.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => Hash32.Parse(text));
    }

    [Fact]
    public void Sha256_MatchesTheFips180Vector() =>
        Assert.Equal(Hash32.Parse("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), Hash32.Sha256("abc"u8));

    [Fact]
    public void BytesRoundTrip_ThroughSpanAndByteString()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var hash = new Hash32(bytes);
        Assert.Equal(bytes, hash.ToArray());
        Assert.Equal(hash, Hash32.FromByteString(hash.ToByteString(), "x"));
        Assert.Throws<FormatException>(() => Hash32.FromByteString(Google.Protobuf.ByteString.CopyFrom(new byte[31]), "x"));
        Assert.Throws<ArgumentException>(() => new Hash32(new byte[33]));
    }

    [Fact]
    public void DomainHash_IsShaOfTagThenData_WhetherGivenInOneOrTwoParts()
    {
        var data = Enumerable.Range(0, 700).Select(i => (byte)i).ToArray(); // longer than the stack buffer
        var expected = Hash32.Sha256([.. "seratio/node"u8.ToArray(), .. data]);
        Assert.Equal(expected, Hashing.Hash(Domains.StateNode, data));
        Assert.Equal(expected, Hashing.Hash(Domains.StateNode, data.AsSpan(0, 300), data.AsSpan(300)));
        Assert.Equal(Hashing.Hash(Domains.StateNode, data[..40]), Hashing.Hash(Domains.StateNode, data.AsSpan(0, 8), data.AsSpan(8, 32)));
    }
}
