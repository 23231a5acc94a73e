using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// The P2P listener's TLS identity: a self-signed ECDSA P-256 certificate made in memory when the node starts
/// (no file, no CA, a new one each start), or none under P2P:Transport=cleartext. Peers do not trust it for
/// itself: its SHA-256 (<see cref="Binding"/>) goes into both handshake proofs, which the node key signs.
/// Immutable; thread safe.
/// </summary>
public sealed class PeerTlsIdentity : IDisposable
{
    private PeerTlsIdentity(X509Certificate2? certificate)
    {
        Certificate = certificate;
        Binding = certificate is null ? default : Hash32.Sha256(certificate.RawDataMemory.Span);
    }

    /// <summary>The listener's certificate with its private key; null under cleartext.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>SHA-256 of the certificate's DER (the listener's channel binding); zero under cleartext.</summary>
    public Hash32 Binding { get; }

    public static PeerTlsIdentity Cleartext() => new(null);

    /// <summary>A fresh certificate valid from a day before <paramref name="now"/> for ten years (nobody checks its dates).</summary>
    public static PeerTlsIdentity CreateEphemeral(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=seratio-p2p", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // serverAuth
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        // Round-trip through PKCS#12: SslStream on Windows cannot use the ephemeral key CreateSelfSigned leaves.
        return new PeerTlsIdentity(X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null));
    }

    public void Dispose() => Certificate?.Dispose();
}
