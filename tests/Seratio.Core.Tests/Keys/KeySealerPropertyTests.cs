using CsCheck;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Core.Tests.Keys;

public sealed class KeySealerPropertyTests
{
    // CsCheck prints the failing seed; replay by putting it here.
    private const string Seed = "0N0XIzNsQ0O2";

    [Fact]
    public void SealThenOpen_ReturnsTheSameKey_AndAnyOtherPassphraseIsRefused()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.String[0, 40]).Sample((seed, passphrase) =>
        {
            using var key = SigningKey.FromSeed(seed);
            var doc = KeySealer.Seal("prop", key, passphrase, KdfParameters.Fast);

            var opened = KeySealer.Open(doc, passphrase, "prop.key");
            var refused = KeySealer.Open(doc, passphrase + "x", "prop.key");

            Assert.True(opened.IsOk, opened.Error);
            using (opened.Value) Assert.Equal(seed, opened.Value!.ExportSeed());
            Assert.Equal(KeystoreOutcome.WrongPassphrase, refused.Outcome);
        }, seed: Seed, iter: 12, threads: 1);
    }
}
