using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Core.Tests.Addressing;

public sealed class AddressTests
{
    private static readonly Address Alice = SigningKey.ForTesting("alice").Address;

    [Fact]
    public void ToString_ParsesBackToTheSameAddress()
    {
        var text = Alice.ToString();
        Assert.StartsWith("ser1", text);
        Assert.Equal(Alice, Address.Parse(text));
    }

    [Fact]
    public void AllUpperCase_IsAccepted()
    {
        Assert.True(Address.TryParse(Alice.ToString().ToUpperInvariant(), out var parsed, out var error), error);
        Assert.Equal(Alice, parsed);
    }

    [Fact]
    public void WrongPrefix_IsRejected()
    {
        var text = Bech32m.Encode("bc", Alice.ToArray());
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Contains("prefix 'bc'", error);
    }

    [Fact]
    public void BadChecksum_IsRejected()
    {
        var text = Alice.ToString();
        var last = text[^1] == 'q' ? 'p' : 'q';
        Assert.False(Address.TryParse(text[..^1] + last, out _, out var error));
        Assert.Contains("checksum", error);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(32)]
    public void WrongLength_IsRejected(int length)
    {
        var text = Bech32m.Encode("ser", new byte[length]);
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Contains($"carries {length} bytes", error);
    }

    [Fact]
    public void MixedCase_IsRejected()
    {
        var text = Alice.ToString();
        var mixed = "SER" + text[3..];
        Assert.False(Address.TryParse(mixed, out _, out var error));
        Assert.Contains("mixes upper and lower case", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ser1")]
    [InlineData("not an address")]
    public void Garbage_IsRejected_AndParseThrowsFormatException(string? text)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
        Assert.Throws<FormatException>(() => Address.Parse(text!));
    }

    [Fact]
    public void FromByteString_RequiresTwentyBytes()
    {
        Assert.Equal(Alice, Address.FromByteString(Alice.ToByteString(), "to"));
        Assert.Throws<FormatException>(() => Address.FromByteString(Google.Protobuf.ByteString.CopyFrom(new byte[19]), "to"));
    }
}
