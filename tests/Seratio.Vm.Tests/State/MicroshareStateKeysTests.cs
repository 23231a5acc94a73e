using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class MicroshareStateKeysTests
{
    [Fact]
    public void HoldingKey_IsSha256OfTagPrefixAddressAndBigEndianClassId()
    {
        var alice = TestKeys.Address("alice");
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { MicroshareKeys.HoldingPrefix };
        preimage.AddRange(alice.ToArray());
        preimage.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0, 3 });
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), MicroshareKeys.Holding(alice, 3));
        Assert.NotEqual(MicroshareKeys.Holding(alice, 3), MicroshareKeys.Holding(alice, 4));
    }

    [Fact]
    public void ReserveKey_PutsTheFixedSizeClassIdBeforeTheSymbol()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { MicroshareKeys.ReservePrefix, 0, 0, 0, 0, 0, 0, 0, 1 };
        preimage.AddRange("SER"u8.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), MicroshareKeys.Reserve(1, "SER"));
        Assert.NotEqual(MicroshareKeys.Reserve(1, "SER"), MicroshareKeys.Reserve(2, "SER"));
        Assert.NotEqual(MicroshareKeys.Lot(1), MicroshareKeys.Class(1));
        Assert.NotEqual(MicroshareKeys.Symbol("GOOD"), AltcoinKeys.Asset("GOOD"));
    }

    [Fact]
    public void ReserveAddresses_AreDistinctPerClass_AndDerivedFromTheirOwnDomain()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/microshare-reserve")) { 0, 0, 0, 0, 0, 0, 0, 5 };
        Assert.Equal(Hash32.Sha256(preimage.ToArray()).ToArray()[..20], Microshares.ReserveAddress(5).ToArray());
        Assert.NotEqual(Microshares.ReserveAddress(1), Microshares.ReserveAddress(2));
    }

    [Fact]
    public void MicrosharePrefixes_StayInsideTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("microshares/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(7, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x50, (byte)0x5F));
    }
}

public class MicroshareRevocationScanTests
{
    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "")]
    [InlineData(true, "a reason long enough to need a two-byte length prefix ......................................................................................")]
    public void RevokedScan_AgreesWithAFullDecode(bool revoked, string reason)
    {
        var certificate = new Protocol.CertificateState
        {
            Id = 300, Subject = 7, SocialValue = "250", FinancialValue = "100", Ratio = "2500000000000000000", MethodId = "sroi",
            Labels = { "SDG:13" }, Revoked = revoked, RevocationReason = reason, RevokedHeight = revoked ? 9UL : 0, SupersededBy = 4,
        };
        Assert.Equal(revoked, Revocations.IsRevoked(Google.Protobuf.MessageExtensions.ToByteArray(certificate)));
    }
}
