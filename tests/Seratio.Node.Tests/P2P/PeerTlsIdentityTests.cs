using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Seratio.Core.Crypto;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.Tests.P2P;

public sealed class PeerTlsIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Ephemeral_IsAP256CertificateWithItsKey_AndItsBindingIsTheSha256OfItsDer()
    {
        using var identity = PeerTlsIdentity.CreateEphemeral(Now);
        var certificate = identity.Certificate!;
        Assert.True(certificate.HasPrivateKey);
        using var key = certificate.GetECDsaPublicKey();
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key!.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(Hash32.Sha256(certificate.RawData), identity.Binding);
        Assert.NotEqual(default, identity.Binding);
    }

    [Fact]
    public void EachStart_MakesAnotherCertificate_AndCleartextHasNone()
    {
        using var first = PeerTlsIdentity.CreateEphemeral(Now);
        using var second = PeerTlsIdentity.CreateEphemeral(Now);
        Assert.NotEqual(first.Binding, second.Binding);
        using var cleartext = PeerTlsIdentity.Cleartext();
        Assert.Null(cleartext.Certificate);
        Assert.Equal(default, cleartext.Binding);
    }

    [Fact]
    public void Recorder_AcceptsAnyCertificate_RecordingItsHash_ButNotNone()
    {
        using var identity = PeerTlsIdentity.CreateEphemeral(Now);
        var recorder = new ServerCertificateRecorder();
        Assert.Equal(default, recorder.Binding);
        Assert.False(recorder.Accept(this, null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.True(recorder.Accept(this, identity.Certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(identity.Binding, recorder.Binding);
    }
}
