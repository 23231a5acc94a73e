using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class CertificateStateKeysTests
{
    [Fact]
    public void MethodKey_PrefixesTheIdLength_ThenTheBigEndianVersion()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { CertificateKeys.MethodPrefix, 4 };
        preimage.AddRange("sroi"u8.ToArray());
        preimage.AddRange(new byte[] { 0, 0, 1, 2 });
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), CertificateKeys.Method("sroi", 0x0102));
        Assert.NotEqual(CertificateKeys.Method("sroi", 1), CertificateKeys.Method("sroi", 2));
    }

    [Fact]
    public void CertificateKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = new List<byte>(System.Text.Encoding.ASCII.GetBytes("seratio/key")) { CertificateKeys.CertificatePrefix, 0, 0, 0, 0, 0, 0, 0, 9 };
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), CertificateKeys.Certificate(9));
    }

    [Fact]
    public void IndexKeys_DifferByOwnerBucketAndKind()
    {
        var alice = TestKeys.Address("alice");
        Assert.NotEqual(CertificateKeys.BySubject(1, 0), CertificateKeys.BySubject(1, 1));
        Assert.NotEqual(CertificateKeys.BySubject(1, 0), CertificateKeys.BySubject(2, 0));
        Assert.NotEqual(CertificateKeys.ByIssuer(alice, 0), CertificateKeys.ByIssuerCount(alice));
        Assert.NotEqual(CertificateKeys.BySubjectCount(1), CertificateKeys.Certificate(1));
        Assert.NotEqual(EntityKeys.Entity(1), CertificateKeys.Certificate(1));
    }

    [Fact]
    public void CertificatePrefixes_StayInsideTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("certificates/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(8, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x40, (byte)0x4F));
    }
}
