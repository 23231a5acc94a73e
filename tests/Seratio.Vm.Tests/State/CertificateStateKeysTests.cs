using Seratio.Core.Crypto;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class CertificateStateKeysTests
{
    [Fact]
    public void MethodKey_PrefixesTheIdLength_ThenTheBigEndianVersion()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { StateKeys.MethodPrefix, 4 };
        preimage.AddRange("sroi"u8.ToArray());
        preimage.AddRange(new byte[] { 0, 0, 1, 2 });
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.Method("sroi", 0x0102));
        Assert.NotEqual(StateKeys.Method("sroi", 1), StateKeys.Method("sroi", 2));
    }

    [Fact]
    public void CertificateKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { StateKeys.CertificatePrefix, 0, 0, 0, 0, 0, 0, 0, 9 };
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.Certificate(9));
    }

    [Fact]
    public void IndexKeys_DifferByOwnerBucketAndKind()
    {
        var alice = TestKeys.Address("alice");
        Assert.NotEqual(StateKeys.CertificatesBySubject(1, 0), StateKeys.CertificatesBySubject(1, 1));
        Assert.NotEqual(StateKeys.CertificatesBySubject(1, 0), StateKeys.CertificatesBySubject(2, 0));
        Assert.NotEqual(StateKeys.CertificatesByIssuer(alice, 0), StateKeys.CertificatesByIssuerCount(alice));
        Assert.NotEqual(StateKeys.CertificatesBySubjectCount(1), StateKeys.Certificate(1));
        Assert.NotEqual(StateKeys.Entity(1), StateKeys.Certificate(1));
    }

    [Fact]
    public void CertificatePrefixes_StayInsideTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("certificates/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(8, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x40, (byte)0x4F));
    }
}
