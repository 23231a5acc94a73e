using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Seratio.Core.Crypto;

namespace Seratio.Node.P2P.Transport;

/// <summary>
/// The dialling side's TLS certificate check: accepts whatever certificate the peer's listener presents
/// (certificates are ephemeral and self-signed; no CA vouches for them) and records its SHA-256, the channel
/// binding that the handshake proofs cover. Trust comes from the node key proof over that binding, not from
/// the certificate. One per dial; the binding is written by the TLS handshake and read after it. Thread safe.
/// </summary>
public sealed class ServerCertificateRecorder
{
    private readonly Lock _gate = new();
    private Hash32 _binding;

    /// <summary>SHA-256 of the DER of the certificate the server presented; zero before the TLS handshake.</summary>
    public Hash32 Binding
    {
        get { lock (_gate) return _binding; }
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>: accepts any certificate and records it.</summary>
    public bool Accept(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        var binding = Hash32.Sha256(certificate.GetRawCertData());
        lock (_gate) _binding = binding;
        return true;
    }
}
